"""Shops answer their part of an order by text: OK accepts, OP marks sold out and the resident
is told at once, offered the closest product of the same shop, and can take it with JA."""

from sqlalchemy import update

from orders.models import Shop
from tests.support.outbox import orders_json, outbox
from tests.support.people import BAKER, BUTCHER, SUSAN, TRUUS


def order(phone, work, capsys, who, text):
    resident = phone(who)
    resident.text(text)
    resident.text("ja")
    work()
    return resident, [o for o in orders_json(capsys) if o["customer_phone"] == who][-1]


def test_ok_accepts_and_op_offers_the_closest_product_which_ja_takes(phone, work, settings, demo, capsys):
    truus, placed = order(phone, work, capsys, TRUUS, "4 krentenbollen en een pond rundergehakt")
    number = placed["number"]
    assert placed["total"] == 11.38

    phone(BAKER).text(f"OK {number}")
    phone(BUTCHER).text(f"Sorry, OP {number} gehakt")
    work()
    assert str(number) in outbox(settings, to=BAKER)[-1]["body"]
    assert "Rundergehakt" in outbox(settings, to=BUTCHER)[-1]["body"]
    told = outbox(settings, to=TRUUS)[-1]["body"]
    assert str(number) in told and "Rundergehakt" in told and "€ 3,40" in told
    assert "Half-om-half gehakt" in told and "JA" in told

    [after] = orders_json(capsys)
    assert after["total"] == 3.40
    statuses = {so["shop_id"]: so["status"] for so in after["shop_orders"]}
    assert statuses == {"korenschoof": "accepted", "vandam": "sold_out"}

    truus.text("ja graag")
    work()
    assert "€ 9,88" in outbox(settings, to=TRUUS)[-1]["body"]
    to_butcher = outbox(settings, to=BUTCHER)[-1]["body"]
    assert "Half-om-half gehakt" in to_butcher and f"OK {number}" in to_butcher
    [after] = orders_json(capsys)
    assert after["total"] == 9.88
    butcher_items = next(so["items"] for so in after["shop_orders"] if so["shop_id"] == "vandam")
    assert {"sku": "SLA-GEHAKT-HOH", "quantity": 0.5, "price": 12.95} in butcher_items
    assert after["status"] == "confirmed"


def test_a_shop_naming_sold_out_items_one_per_line_marks_each(phone, work, settings, demo, capsys):
    _, placed = order(phone, work, capsys, TRUUS, "een pond rundergehakt, 2 slavinken en 4 krentenbollen")
    phone(BUTCHER).text(f"OP {placed['number']}\nRundergehakt\nSlavinken")
    work()
    noted = outbox(settings, to=BUTCHER)[-1]["body"]
    assert "Rundergehakt" in noted and "Slavink" in noted
    [after] = orders_json(capsys)
    assert after["total"] == 3.40, "the resident pays for neither"


def test_nee_keeps_the_order_without_the_sold_out_line(phone, work, settings, demo, capsys):
    truus, placed = order(phone, work, capsys, TRUUS, "een pond rundergehakt en 2 slavinken")
    phone(BUTCHER).text(f"OP {placed['number']} rundergehakt")
    work()
    truus.text("nee")
    work()
    assert "3,90" in outbox(settings, to=TRUUS)[-1]["body"]
    [after] = orders_json(capsys)
    assert after["total"] == 3.90 and len(outbox(settings, to=BUTCHER)) == 2


def test_an_english_resident_is_told_in_english_and_without_alternative_when_none(phone, work, settings, demo, capsys):
    _, placed = order(phone, work, capsys, SUSAN, "1 appeltaart heel")
    phone(BAKER).text(f"op {placed['number']}")
    work()
    told = outbox(settings, to=SUSAN)[-1]["body"]
    assert "sold out" in told and "Appeltaart heel" in told
    assert "YES" not in told


def test_a_shop_cannot_answer_for_what_is_not_its_own(phone, work, settings, demo, capsys):
    _, placed = order(phone, work, capsys, TRUUS, "2 slavinken")
    number = placed["number"]
    baker = phone(BAKER)
    baker.text(f"OK {number}")
    baker.text(f"OP {number} slavink")
    baker.text("OK 999")
    baker.text("hallo, 2 krentenbollen graag")
    phone(BUTCHER).text(f"OP {number} appeltaart")
    work()
    answers = [m["body"] for m in outbox(settings, to=BAKER)]
    assert len(answers) == 4
    assert all("niets veranderd" in a for a in answers[:3])
    assert "OK 123" in answers[3], "a shop writing like a resident is still the shop"
    assert "niets veranderd" in outbox(settings, to=BUTCHER)[-1]["body"]
    [after] = orders_json(capsys)
    assert after["shop_orders"][0]["status"] == "sent" and after["total"] == 3.90
    assert outbox(settings, to=TRUUS)[-1]["body"].startswith("Dank u")


def test_a_shop_gets_its_orders_on_its_own_channel_and_answers_there(phone, work, settings, demo, capsys, db):
    db.execute(update(Shop).where(Shop.shop_id == "korenschoof").values(channel="whatsapp"))
    db.execute(update(Shop).where(Shop.shop_id == "vandam").values(channel="telegram", telegram_chat_id="7301"))
    db.commit()
    _, placed = order(phone, work, capsys, TRUUS, "4 krentenbollen en een pond rundergehakt")
    number = placed["number"]

    [to_baker] = outbox(settings, to=BAKER)
    assert to_baker["channel"] == "whatsapp" and f"Bestelling {number}" in to_baker["body"]
    [to_butcher] = outbox(settings, to="7301")
    assert to_butcher["channel"] == "telegram" and "Rundergehakt" in to_butcher["body"]
    assert outbox(settings, to=BUTCHER) == [], "a linked Telegram shop gets no SMS besides"

    phone(BAKER, channel="whatsapp").text(f"OK {number}")
    work()
    thanks = outbox(settings, to=BAKER)[-1]
    assert thanks["channel"] == "whatsapp" and str(number) in thanks["body"]
    [after] = orders_json(capsys)
    assert {so["shop_id"]: so["status"] for so in after["shop_orders"]}["korenschoof"] == "accepted"
