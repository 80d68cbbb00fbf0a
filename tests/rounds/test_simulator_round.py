"""A whole delivery day in the simulator, in a real Chromium: Truus orders, the shops say OK, the
day is closed with the simulator's button, the volunteer gets the round and finds nobody home,
and the coordinator's phone gets the alert. Every text goes through the signed webhook and the
worker; closing the day queues its messages as the scheduler's close does."""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from dorpslijn.config import load_settings
from orders.deliveries import DeliveryRound
from orders.models import Order
from tests.support.browser import CHROMIUM, SCREENSHOTS
from tests.support.people import TRUUS
from tests.support.simulator import Simulator

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found")

# Wednesday 25 November 2026 in Zwartsluis: the next delivery day is Friday, its cut-off tomorrow.
WEDNESDAY_MORNING = "2026-11-25T10:00:00+01:00"


@pytest.fixture
def settings(settings, monkeypatch):
    """The test's settings on a fixed Wednesday morning, for the web app and the worker alike."""
    monkeypatch.setenv("DORPSLIJN_CLOCK", WEDNESDAY_MORNING)
    return load_settings()


def test_order_shops_ok_day_closed_round_not_home_and_the_coordinator_is_alerted(settings, page, demo, work, db):
    page.goto("/")
    phone = Simulator(page, work)
    phone.pick("Truus Lamberts")
    phone.text("4 krentenbollen en een pond rundergehakt")
    phone.received("Stuur JA")
    phone.text("JA")
    [order] = db.scalars(select(Order)).all()
    assert "vrijdag 27 november" in phone.received(f"bestelling {order.number} is doorgegeven")

    for shop in ("Bakkerij De Korenschoof", "Slagerij Van Dam"):
        phone.pick(shop)
        phone.received(f"Bestelling {order.number}")
        phone.text(f"OK {order.number}")

    close = page.get_by_role("form", name="Bezorgdag van Dorpsplein Zwartsluis")
    expect(close.locator(".next-day")).to_have_text("vrijdag 27 november")
    close.get_by_role("button", name="Bezorgdag sluiten").click()
    expect(close.get_by_role("status")).to_contain_text("Bezorgdag vrijdag 27 november is gesloten: 1 ronde.")
    expect(close.locator(".next-day")).to_have_text("dinsdag 1 december")
    phone.work()

    db.expire_all()
    [delivery_round] = db.scalars(select(DeliveryRound)).all()
    phone.pick(delivery_round.volunteer.name)
    round_text = phone.received("Uw ronde", f"{order.number}: Truus Lamberts")
    assert "Kerkstraat 4" in round_text and "NIET THUIS" in round_text
    phone.text(f"NIET THUIS {order.number}")
    phone.received("de coördinator weet het")

    phone.pick("Coördinator")
    alert = phone.received("NIET THUIS", str(order.number))
    assert "Truus Lamberts" in alert and TRUUS in alert and delivery_round.volunteer.name in alert
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "simulator-not-home-alert.png"), full_page=True)
    db.expire_all()
    assert db.get(Order, order.id).status == "confirmed", "not delivered: the coordinator follows it up"
