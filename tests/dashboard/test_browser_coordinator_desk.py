"""In a real Chromium: an order taken on the phone, a message's delivery status, a figure's CSV, a resident
found by part of a number."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from messaging.models import OutboundMessage
from orders.models import Order
from tests.support.browser import SCREENSHOTS, needs_chromium, sign_in
from tests.support.outbox import orders_json, outbox
from tests.support.people import TRUUS
from tests.support.webhooks import signed_post

pytestmark = needs_chromium


def test_a_phone_order_with_a_numbered_choice_is_confirmed_for_the_resident(page, coordinator, db, settings,
                                                                            capsys):
    sign_in(page)
    page.get_by_role("link", name="Bewoners").click()
    page.get_by_role("link", name="Truus Lamberts").first.click()
    page.get_by_role("link", name="Bestelling opnemen").click()
    page.get_by_label("Wat zegt de bewoner?").fill("een brood en twee krentenbollen")
    page.get_by_role("button", name="Doorgeven").click()
    assert "Welke bedoelt u met" in page.locator("main").inner_text()

    page.get_by_role("button", name="2", exact=True).click()
    read_back = page.get_by_role("region", name="Antwoord van Dorpslijn").inner_text()
    assert "Bruin brood heel" in read_back and "Krentenbol" in read_back and "Totaal" in read_back
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "phone-order.png"), full_page=True)
    page.get_by_role("button", name="JA", exact=True).click()
    assert "is doorgegeven" in page.locator("main").inner_text()

    [order] = orders_json(capsys)
    assert order["customer_phone"] == TRUUS
    placed = db.scalar(select(Order).where(Order.number == order["number"]))
    assert placed.channel == "staff" and placed.taken_by_id is not None
    assert any(str(order["number"]) in m["body"] for m in outbox(settings, to=TRUUS))


def test_a_message_twilio_could_not_deliver_is_found_with_its_reason_and_stands_out(page, coordinator, phone, work,
                                                                                   client, settings, db, twilio_api):
    phone(TRUUS).text("2 krentenbollen graag")
    work()
    [read_back] = db.scalars(select(OutboundMessage).where(OutboundMessage.to == TRUUS)).all()
    signed_post(client, settings, "/twilio/status", {"MessageSid": read_back.provider_id, "MessageStatus": "undelivered",
                                                     "ErrorCode": "30003", "ErrorMessage": "Unreachable destination handset"})
    sign_in(page)
    page.get_by_role("link", name="Bewoners").click()
    page.get_by_role("link", name="Truus Lamberts").first.click()
    page.get_by_role("link", name="Berichten van en aan deze bewoner").click()
    answer = page.get_by_role("row").filter(has_text="Klopt dit")
    assert "niet afgeleverd" in answer.inner_text()
    assert "De telefoon staat uit of heeft geen bereik." in answer.inner_text(), "the reason in words"
    order = page.get_by_role("row").filter(has_text="2 krentenbollen graag")
    assert _background(answer) != _background(order), "the message that did not arrive stands out"

    page.get_by_role("link", name="Alle berichten").click()
    page.get_by_role("link", name="Alleen niet aangekomen").click()
    rows = page.get_by_role("table").inner_text()
    assert "Klopt dit" in rows and "2 krentenbollen graag" not in rows


def _background(row) -> str:
    return row.locator("td").first.evaluate("cell => getComputedStyle(cell).backgroundColor")


def test_a_figure_is_drawn_and_its_table_exported_as_csv(page, coordinator, db, settings, capsys):
    sign_in(page)
    page.get_by_role("link", name="Bewoners").click()
    page.get_by_role("link", name="Truus Lamberts").first.click()
    page.get_by_role("link", name="Bestelling opnemen").click()
    page.get_by_label("Wat zegt de bewoner?").fill("4 krentenbollen")
    page.get_by_role("button", name="Doorgeven").click()
    page.get_by_role("button", name="JA", exact=True).click()

    page.get_by_role("link", name="Cijfers").click()
    channels = page.get_by_role("region", name="Hoe de bestellingen binnenkwamen")
    assert channels.get_by_role("img").count() == 1
    assert "Via coördinator" in channels.get_by_role("table").inner_text()
    page.screenshot(path=str(SCREENSHOTS / "figures.png"), full_page=True)
    with page.expect_download() as download:
        channels.get_by_role("link", name="downloaden (CSV)").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "channel,orders,share" and "staff,1,100" in lines


def test_a_resident_is_found_from_the_header_by_part_of_a_number_written_differently(page, coordinator):
    sign_in(page)
    page.get_by_role("search").get_by_label("Zoeken").fill("+31 6 1234 56")
    page.get_by_role("button", name="Zoek").click()
    residents = page.get_by_role("table").first
    assert "Truus Lamberts" in residents.inner_text() and "06 1234 5601" in residents.inner_text()
    page.screenshot(path=str(SCREENSHOTS / "search.png"), full_page=True)
    residents.get_by_role("link", name="Truus Lamberts").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Truus Lamberts"
