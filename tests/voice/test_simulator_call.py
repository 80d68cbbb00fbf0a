"""A call in the simulator, in a real Chromium: keypad and typed speech walk the real, signed
voice routes, and the order reaches the shops."""
import pytest
from sqlalchemy import select

from orders.models import Order
from tests.support.browser import CHROMIUM
from tests.support.outbox import outbox
from tests.support.people import BAKER, TRUUS

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found")


def test_a_call_in_the_simulator_places_an_order_that_reaches_the_shops(page, demo, work, settings, db):
    page.goto("/")
    page.get_by_role("button", name="Truus Lamberts").click()
    page.get_by_role("button", name="📞 Bel het dorp").click()
    heard = page.locator("#heard")
    heard.get_by_text("Wilt u uw boodschappen zeggen? Druk 2.").wait_for()
    page.locator(".keypad").get_by_role("button", name="2", exact=True).click()
    heard.get_by_text("Zeg nu uw boodschappen.").wait_for()
    page.get_by_label("Wat u zegt").fill("vier krentenbollen")
    page.get_by_role("button", name="Zeg", exact=True).click()
    heard.get_by_text("Samen drie euro veertig.").wait_for()
    page.locator(".keypad").get_by_role("button", name="1", exact=True).click()
    heard.get_by_text("Dank u wel. Uw bestelling is doorgegeven.").wait_for()
    heard.get_by_text("Anders kunt u ophangen.").wait_for()
    page.locator(".keypad").get_by_role("button", name="2", exact=True).click()
    heard.get_by_text("Goed. Uw bestelling is doorgegeven. Tot ziens.").wait_for()
    heard.get_by_text("(opgehangen)").wait_for()
    work()
    db.expire_all()
    [order] = db.scalars(select(Order)).all()
    assert order.status == "confirmed" and order.resident.phone == TRUUS
    assert str(order.number) in outbox(settings, to=BAKER)[0]["body"]
