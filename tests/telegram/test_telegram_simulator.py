"""Telegram in the phone simulator: a phone's chat shares its number, orders and confirms through the
real webhook and worker, and its messages show under that phone."""
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from orders.models import Order, Resident
from tests.support.browser import CHROMIUM, SCREENSHOTS
from tests.support.outbox import outbox
from tests.support.people import BAKER, TRUUS
from tests.support.simulator import Simulator
from tests.support.telegram import TRUUS_CHAT, outbox_rows

TRUUS_SIMULATED_CHAT = "31612345601"  # the digits of her number


def telegram(client, **message):
    """What the simulator page does: ask for the Update, then post it to the webhook with the secret."""
    made = client.post("/simulator/telegram/update", json={"from": TRUUS, "name": "Truus Lamberts", **message}).json
    return client.post("/telegram/webhook", json=made["update"], headers={made["header"]: made["secret"]})


def test_truus_shares_her_number_orders_from_telegram_and_her_phone_shows_the_chat(client, work, settings, db, demo):
    assert telegram(client, contact=True).status_code == 200
    work()
    db.expire_all()
    assert db.scalar(select(Resident.telegram_chat_id).where(Resident.phone == TRUUS)) == TRUUS_SIMULATED_CHAT
    for body in ("4 krentenbollen", "ja"):
        assert telegram(client, body=body).status_code == 200
        work()

    [order] = db.scalars(select(Order)).all()
    assert str(order.number) in outbox(settings, to=BAKER)[-1]["body"]
    assert f"bestelling {order.number} is doorgegeven" in outbox_rows(settings, TRUUS_SIMULATED_CHAT)[-1]["body"]
    shown = [m for m in client.get("/simulator/messages").json["messages"] if m["phone"] == TRUUS]
    assert {m["channel"] for m in shown} == {"telegram"}
    assert [m["body"] for m in shown if m["direction"] == "in"] == ["", "4 krentenbollen", "ja"]
    assert shown[0]["contact"]["phone_number"] == TRUUS.removeprefix("+")
    assert any("4x Krentenbol" in m["body"] for m in shown if m["direction"] == "out")


def test_a_chat_from_outside_the_simulator_shows_under_the_phone_it_is_linked_to(client, chat, work, demo):
    chat(TRUUS_CHAT).share_contact(TRUUS.removeprefix("+"))
    work()
    shown = client.get("/simulator/messages").json["messages"]
    assert [(m["phone"], m["direction"]) for m in shown] == [(TRUUS, "in"), (TRUUS, "out")]


def test_an_update_the_simulator_makes_is_refused_with_another_secret(client, db, demo):
    made = client.post("/simulator/telegram/update", json={"from": TRUUS, "body": "hallo"}).json
    assert client.post("/telegram/webhook", json=made["update"], headers={made["header"]: "geraden"}).status_code == 403


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found")
def test_truus_picks_telegram_shares_her_number_and_orders_in_the_simulator(page, demo, work, db):
    page.goto("/")
    phone = Simulator(page, work)
    phone.pick("Truus Lamberts")
    share = page.get_by_role("button", name="Mijn telefoonnummer delen")
    assert share.is_hidden(), "the contact button is Telegram's"
    page.get_by_label("Kanaal").select_option("Telegram")
    phone.text("hallo")
    phone.received("Tik dan hieronder op de knop")
    expect(share).to_have_class("asked")
    share.click()
    page.locator("#log .in").filter(has_text="31612345601").wait_for()
    phone.work()
    phone.received("Truus Lamberts")
    expect(share).not_to_have_class("asked")

    phone.text("4 krentenbollen")
    assert "4x Krentenbol" in phone.received("Stuur JA")
    phone.text("ja")
    [order] = db.scalars(select(Order)).all()
    phone.received(f"bestelling {order.number} is doorgegeven")
    channels = page.locator("#log .bubble").evaluate_all("bubbles => bubbles.map(b => b.dataset.channel)")
    assert set(channels) == {"telegram"}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "simulator-telegram-order.png"), full_page=True)
