"""Ordering by text: read-back, questions, things not sold, changes before JA, JA, cancelling."""
import pytest
from sqlalchemy import select

from orders.models import Order, Product, Village
from tests.support.people import BAKER, BUTCHER, SUSAN, TRUUS
from tests.support.talk import last, messages


def order_of(db, resident_phone=TRUUS, status=None):
    db.expire_all()
    query = select(Order).order_by(Order.id.desc())
    if status:
        query = query.where(Order.status == status)
    return db.scalar(query)


def test_the_read_back_is_grouped_by_shop_with_prices_total_day_and_payment(phone, work, settings, demo, clock):
    phone(TRUUS).text("Goedemorgen, 4 krentenbollen, een pond rundergehakt en 2 ons jonge kaas. Groetjes Truus")
    work()
    [reply] = messages(settings, TRUUS)
    body = reply["body"]
    assert body.index("Bakkerij De Korenschoof") < body.index("4x Krentenbol € 3,40")
    assert body.index("Slagerij Van Dam") < body.index("1 pond Rundergehakt € 7,98")
    assert "2 ons Jonge kaas € 2,79" in body
    assert "Totaal € 14,17" in body and "dinsdag 24 november" in body and "contant" in body
    assert body.endswith("Klopt dit? Stuur JA.")
    assert reply["extra"]["choices"] == ["JA", "NEE"]


def test_nothing_is_ordered_without_ja_and_ja_in_its_forms_orders_it(phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja, en ook een pond rundergehakt")
    work()
    assert order_of(db).status == "draft", "a change after ja is a change, not a confirmation"
    assert "Rundergehakt" in last(settings, TRUUS)
    truus.text("Ja graag 👍")
    work()
    order = order_of(db)
    assert order.status == "confirmed" and str(order.number) in last(settings, TRUUS)
    assert "dinsdag 24 november" in last(settings, TRUUS)
    assert {m["to"] for m in messages(settings)} >= {BAKER, BUTCHER}


@pytest.mark.parametrize("yes", ["klopt", "OK", "👍"])
def test_the_other_forms_of_ja_order_it_too(phone, work, settings, demo, clock, db, yes):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text(yes)
    work()
    order = order_of(db)
    assert order.status == "confirmed" and str(order.number) in last(settings, TRUUS)


def test_unclear_items_are_asked_one_at_a_time_with_numbered_choices(phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("een brood, melk en 2 krentenbollen")
    work()
    question = messages(settings, TRUUS)[-1]
    numbered = [line for line in question["body"].splitlines() if line[:1].isdigit()]
    assert 2 <= len(numbered) <= 5 and numbered[0].startswith("1. ")
    assert question["extra"]["choices"] == [str(n) for n in range(1, len(numbered) + 1)]
    assert "melk" not in question["body"].lower(), "one question at a time"
    assert question["template"] == "ask_choice"
    truus.text("brood")  # not a number: asked again, more simply
    work()
    assert messages(settings, TRUUS)[-1]["template"] == "ask_choice_again" and "BEL MIJ" in last(settings, TRUUS)
    truus.text("2")
    work()
    milk = messages(settings, TRUUS)[-1]
    assert milk["template"] == "ask_choice" and "elk" in milk["body"].lower(), "then the question about the milk"
    truus.text("2")
    work()
    assert messages(settings, TRUUS)[-1]["template"] == "read_back"
    read_back = last(settings, TRUUS)
    assert "Bruin brood heel" in read_back and "Halfvolle melk" in read_back and "2x Krentenbol" in read_back
    assert order_of(db).status == "draft"


def test_what_is_not_sold_is_named(phone, work, settings, demo, clock):
    phone(TRUUS).text("2 krentenbollen en postzegels")
    work()
    read_back = last(settings, TRUUS)
    assert "Postzegels verkopen we niet" in read_back and "2x Krentenbol" in read_back


def test_a_list_of_more_than_thirty_items_is_cut_and_the_resident_is_told(phone, work, settings, demo, clock, db):
    phone(TRUUS).text("\n".join(["1 krentenbol"] * 40))
    work()
    assert "Wij namen de eerste 30" in last(settings, TRUUS)
    quantity = db.scalar(select(Order)).shop_orders[0].lines[0].quantity
    assert quantity == 30, "never more than the first thirty"


def test_changes_before_ja(phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen, 1 liter halfvolle melk en een pond rundergehakt")
    work()
    truus.text("geen melk")
    work()
    assert "melk" not in last(settings, TRUUS).lower().replace("stuur bijvoorbeeld: geen melk", "")
    truus.text("3 krentenbollen in plaats van 4")
    work()
    assert "3x Krentenbol € 2,55" in last(settings, TRUUS)
    truus.text("ook 2 eieren")
    work()
    assert "1. " in last(settings, TRUUS), "which eggs?"
    truus.text("1")
    work()
    read_back = last(settings, TRUUS)
    assert "Eieren doos 6 stuks" in read_back and "3x Krentenbol" in read_back and "Rundergehakt" in read_back
    truus.text("alles opnieuw")
    work()
    assert order_of(db) is None
    assert "opnieuw" in last(settings, TRUUS)


def test_an_answer_that_is_not_understood_is_met_with_the_choices_and_a_person(phone, work, settings, demo, clock):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("hmm wat bedoelt u")
    work()
    again = messages(settings, TRUUS)[-1]
    assert "JA" in again["body"] and "NEE" in again["body"] and "BEL MIJ" in again["body"]


def test_nee_orders_nothing(phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("nee")
    work()
    assert order_of(db) is None and "niets" in last(settings, TRUUS)


def test_cancel_until_the_cutoff_and_after_it_the_coordinator_is_offered(phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja")
    work()
    number = order_of(db).number
    truus.text("ANNULEER")
    work()
    assert order_of(db).status == "cancelled" and str(number) in last(settings, TRUUS)
    assert "afgezegd" in last(settings, BAKER)

    truus.text("2 krentenbollen")
    truus.text("ja")
    work()
    clock.set("2026-11-23T18:30:00+01:00")
    truus.text("annuleer")
    work()
    assert order_of(db).status == "confirmed"
    answer = messages(settings, TRUUS)[-1]
    assert "al in" in answer["body"] and "BEL MIJ" in answer["body"] and answer["extra"]["choices"] == ["BEL MIJ"]


def test_in_an_english_speaking_village_the_shop_hears_of_a_cancel_in_english(phone, work, settings, demo, clock, db):
    db.scalar(select(Village)).language = "en"
    db.commit()
    susan = phone(SUSAN)
    susan.text("4 krentenbollen")
    susan.text("yes")
    work()
    number = order_of(db).number
    susan.text("CANCEL")
    work()
    assert last(settings, BAKER).startswith(f"Order {number} for ") and "has been cancelled" in last(settings, BAKER)


def test_an_order_after_the_cutoff_goes_to_the_next_day_and_says_so(phone, work, settings, demo, clock, db):
    clock.set("2026-11-23T19:00:00+01:00")
    phone(TRUUS).text("4 krentenbollen")
    work()
    read_back = last(settings, TRUUS)
    assert "Dinsdag 24 november lukt niet meer" in read_back and "vrijdag 27 november" in read_back
    assert str(order_of(db).delivery_date) == "2026-11-27"


def test_ja_after_the_cutoff_moves_the_order_to_the_next_day_and_reads_it_back(phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    work()
    clock.set("2026-11-23T18:05:00+01:00")
    truus.text("ja")
    work()
    assert order_of(db).status == "draft" and "vrijdag 27 november" in last(settings, TRUUS)
    truus.text("ja")
    work()
    assert order_of(db).status == "confirmed" and str(order_of(db).delivery_date) == "2026-11-27"


def test_same_again_reads_the_last_order_back_at_todays_prices_without_what_is_gone(
        phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen en 1 appeltaart heel")
    truus.text("ja")
    work()
    db.execute(Product.__table__.update().where(Product.sku == "BAK-KRENTENBOL").values(price_cents=90))
    db.execute(Product.__table__.update().where(Product.sku == "BAK-APPELTAART-HEEL").values(active=False))
    db.commit()
    truus.text("hetzelfde als vorige week")
    work()
    read_back = last(settings, TRUUS)
    assert "4x Krentenbol € 3,60" in read_back
    assert "Appeltaart heel verkopen we niet meer" in read_back
    truus.text("ja")
    work()
    assert [line.sku for line in order_of(db).lines] == ["BAK-KRENTENBOL"]
