"""Every change made on the dashboard's pages is on Wijzigingen: who, when, what, before and after;
a phone order, a learned word, a price list, a shop's answer, a reply, a day closed and the privacy actions."""
from __future__ import annotations

import html
import re

from sqlalchemy import select

from dorpslijn.audit import AuditEvent
from orders.models import LearnedWord, Product, Resident, Task
from tests.support.accounts import BAKER, EMAIL, sign_in
from tests.support.forms import csrf_token
from tests.support.orders import confirmed_order
from tests.support.outbox import orders_json
from tests.support.people import TRUUS
from tests.support.price_list import CHANGED, baker, confirm, upload

WHEN = "maandag 23 november, 10:00"  # the tests' clock


def events(db, action: str) -> list[AuditEvent]:
    db.expire_all()
    return db.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()


def audit_rows(client, what: str) -> list[str]:
    """The rows of the Wijzigingen page (newest first) whose 'what' is `what`, as plain text."""
    page = html.unescape(client.get("/dashboard/audit/").get_data(as_text=True))
    rows = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)) for row in page.split("<tr>")[2:]]
    return [row for row in rows if what in row]


def post(client, path, data=None, page=None):
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, page or path)})


def truus(db) -> Resident:
    return db.scalar(select(Resident).where(Resident.phone == TRUUS))


def test_each_answer_typed_for_a_phone_order_is_audited_and_the_last_names_the_order(signed_in, db, capsys):
    path = f"/dashboard/residents/{truus(db).id}/order"
    post(signed_in, path, {"text": "1 wit brood heel"})
    post(signed_in, path, {"text": "JA"})
    number = orders_json(capsys)[-1]["number"]

    first, last = events(db, "phone_order.answer")
    assert first.subject == last.subject == f"resident {truus(db).id}" and first.actor == f"coordinator {EMAIL}"
    assert first.after == {"said": "1 wit brood heel"} and last.after == {"said": "JA", "order": number}
    newest, oldest = audit_rows(signed_in, "Bestelling opnemen: antwoord")
    assert EMAIL in newest and WHEN in newest and f"bestelling {number}" in newest and "gezegd JA" in newest
    assert "gezegd 1 wit brood heel" in oldest


def test_stopping_a_phone_order_is_audited_but_stopping_none_is_not(signed_in, db):
    path = f"/dashboard/residents/{truus(db).id}/order"
    post(signed_in, f"{path}/stop", page=path)
    assert events(db, "phone_order.stop") == [], "nothing was open: nothing changed"
    post(signed_in, path, {"text": "1 wit brood heel"})
    post(signed_in, f"{path}/stop", page=path)
    [stopped] = events(db, "phone_order.stop")
    assert stopped.subject == f"resident {truus(db).id}" and stopped.after == {"stopped": True}
    [row] = audit_rows(signed_in, "Bestelling opnemen gestopt")
    assert EMAIL in row and WHEN in row and "gestopt ja" in row


def test_a_word_learned_and_forgotten_is_audited_with_its_product(signed_in, db):
    village_id = truus(db).village_id
    task = Task(village_id=village_id, kind="unclear_word", phone=TRUUS, details={"word": "plompkes"})
    db.add(task)
    db.commit()
    appeltaart = db.scalar(select(Product).where(Product.sku == "BAK-APPELTAART-PUNT"))
    post(signed_in, f"/dashboard/tasks/{task.id}/learn", {"word": "plompkes", "product": appeltaart.id},
         page="/dashboard/")
    learned = db.scalar(select(LearnedWord))
    [word, task_done] = events(db, "word.learn")
    assert (word.subject, word.before) == (f"learned_word {learned.id}", None)
    assert word.after["word"] == "plompkes" and word.after["product_id"] == appeltaart.id
    assert task_done.subject == f"task {task.id}" and task_done.before["done_at"] is None
    rows = audit_rows(signed_in, "Woord geleerd")
    assert any("woord plompkes" in row and f"product (nummer) {appeltaart.id}" in row and EMAIL in row
               and WHEN in row for row in rows)

    post(signed_in, f"/dashboard/words/{learned.id}/forget", page="/dashboard/words/")
    [forgotten] = events(db, "word.forget")
    assert forgotten.before["word"] == "plompkes" and forgotten.after["word"] is None
    [row] = audit_rows(signed_in, "Woord vergeten")
    assert "woord plompkes → (leeg)" in row and EMAIL in row


def test_a_price_list_applied_audits_each_product_it_changes_adds_or_takes_off_sale(signed_in, db):
    shop = baker(db)
    post_page = upload(signed_in, shop, CHANGED).get_data(as_text=True)
    assert events(db, "product.price_list") == [], "a preview changes nothing"
    confirm(signed_in, shop, post_page)
    changed = {event.subject: event for event in events(db, "product.price_list")}
    skus = {p.id: p.sku for p in db.scalars(select(Product))}
    by_sku = {skus[int(subject.split()[1])]: event for subject, event in changed.items()}
    assert set(by_sku) == {"BAK-KRENTENBOL", "BAK-WIT-BOL", "BAK-APPELFLAP", "BAK-SPELT-HEEL"}
    assert (by_sku["BAK-KRENTENBOL"].before, by_sku["BAK-KRENTENBOL"].after) == ({"price_cents": 85},
                                                                                 {"price_cents": 95})
    assert by_sku["BAK-APPELFLAP"].after == {"active": False}
    assert by_sku["BAK-SPELT-HEEL"].before is None and by_sku["BAK-SPELT-HEEL"].after["name"] == "Speltbrood heel"
    rows = audit_rows(signed_in, "Product gewijzigd door een geüpload assortiment")
    assert len(rows) == 4 and all(EMAIL in row and WHEN in row for row in rows)
    assert any("85 → 95" in row for row in rows) and any("Witte bol → Witte bol zacht" in row for row in rows)


def test_a_shops_answers_on_its_page_are_audited_as_the_shopkeeper(client, accounts, db, phone, work, capsys):
    truus_phone = phone(TRUUS)
    truus_phone.text("4 krentenbollen")
    truus_phone.text("ja")
    work()
    number = orders_json(capsys)[-1]["number"]
    krentenbol = db.scalar(select(Product).where(Product.sku == "BAK-KRENTENBOL"))
    sign_in(client, BAKER)
    post(client, f"/dashboard/shop/orders/{number}/accept", page="/dashboard/shop/")
    [line_id] = re.findall(rf"/dashboard/shop/orders/{number}/lines/(\d+)/sold-out",
                           client.get("/dashboard/shop/").get_data(as_text=True))
    post(client, f"/dashboard/shop/orders/{number}/lines/{line_id}/sold-out", page="/dashboard/shop/")
    post(client, f"/dashboard/shop/products/{krentenbol.id}/today", {"off": "1"}, page="/dashboard/shop/")

    [accepted] = events(db, "shop_order.accept")
    [sold_out] = events(db, "order_line.sold_out")
    [off_today] = events(db, "product.off_today")
    assert {e.actor for e in (accepted, sold_out, off_today)} == {f"shopkeeper {BAKER}"}
    assert accepted.after["status"] == "accepted" and sold_out.after == {"sold_out": True}
    assert off_today.subject == f"product {krentenbol.id}" and off_today.before == {"unavailable_on": None}
    client.post("/dashboard/logout", data={"csrf_token": csrf_token(client, "/dashboard/shop/")})
    sign_in(client, EMAIL)
    for what, shown in (("Bestelling geaccepteerd door de winkel", "status"),
                        ("Uitverkocht gemeld door de winkel", "uitverkocht nee → ja"),
                        ("Product vandaag niet te koop", "vandaag niet te koop op (leeg) → 2026-11-23")):
        [row] = audit_rows(client, what)
        assert BAKER in row and "winkel" in row and WHEN in row and shown in row, (what, row)


def test_a_reply_from_berichten_is_audited_until_the_resident_is_erased(signed_in, db):
    path = f"/dashboard/messages/resident/{truus(db).id}"
    post(signed_in, f"{path}/reply", {"body": "Morgen komt Kees."}, page=path)
    [reply] = events(db, "message.reply")
    assert reply.subject == f"resident {truus(db).id}" and reply.after == {"channel": "sms", "body": "Morgen komt Kees."}
    [row] = audit_rows(signed_in, "Bericht gestuurd vanuit het dashboard")
    assert "bericht Morgen komt Kees." in row and EMAIL in row and WHEN in row

    erase = f"/dashboard/residents/{truus(db).id}/erase"
    post(signed_in, erase, {"confirm": "WISSEN"})
    [row] = audit_rows(signed_in, "Bericht gestuurd vanuit het dashboard")
    assert "Kees" not in row, "an erasure takes what was said to her along"


def test_closing_a_day_is_audited_with_its_orders_but_closing_it_again_is_not(signed_in, db, phone, work, capsys):
    day = confirmed_order(phone, work, capsys)["delivery_date"]
    rounds_page = f"/dashboard/rounds/?date={day}"
    post(signed_in, "/dashboard/rounds/close", {"date": day}, page=rounds_page)
    [closed] = events(db, "round_day.close")
    assert (closed.subject, closed.actor, closed.before, closed.after) == (
        f"round_day {day}", f"coordinator {EMAIL}", None, {"orders": 1})
    [row] = audit_rows(signed_in, "Bezorgdag gesloten vanuit het dashboard")
    assert EMAIL in row and WHEN in row and f"bezorgdag {day}" in row and "bestellingen 1" in row

    work()
    post(signed_in, "/dashboard/rounds/close", {"date": day}, page=rounds_page)
    assert len(events(db, "round_day.close")) == 1, "a day already closed changes nothing"


def test_the_privacy_export_and_erase_are_on_the_audit_page_with_who_and_when(signed_in, db):
    resident_id = truus(db).id
    page = f"/dashboard/residents/{resident_id}"
    post(signed_in, f"{page}/export", page=page)
    [row] = audit_rows(signed_in, "Alle gegevens van een bewoner gedownload")
    assert EMAIL in row and WHEN in row and f"bewoner {resident_id}" in row
    post(signed_in, f"{page}/erase", {"confirm": "WISSEN"})
    [row] = audit_rows(signed_in, "Bewoner gewist")
    assert EMAIL in row and WHEN in row and f"bewoner {resident_id}" in row and "Truus" not in row
