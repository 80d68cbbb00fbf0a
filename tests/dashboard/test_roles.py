"""Roles per village: the board sees and changes nothing; a shopkeeper sees only their own shop,
and answers its orders on the page as by text; every change is in the audit trail."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from cli.main import main
from dorpslijn.audit import AuditEvent
from dorpslijn.db import session_scope
from orders.models import LearnedWord, Order, Product, Resident, Shop, Task
from tests.support.accounts import BAKER, BOARD, BUTCHER, EMAIL, PASSWORD, sign_in
from tests.support.forms import csrf_token
from tests.support.outbox import orders_json, outbox
from tests.support.people import TRUUS
from tests.support.price_list import CHANGED, confirm, upload
from web.dashboard.accounts import set_coordinator
from web.dashboard.exceptions import UnknownShop


def post(client, path, data=None, page="/dashboard/login"):
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, page)})


def placed(phone, work, capsys, text):
    truus = phone(TRUUS)
    truus.text(text)
    truus.text("ja")
    work()
    return orders_json(capsys)[-1]


def truus(db) -> Resident:
    return db.scalar(select(Resident).where(Resident.phone == TRUUS))


def test_the_board_sees_a_resident_but_no_button_and_every_change_is_refused(client, accounts, db):
    resident_id = truus(db).id
    sign_in(client, BOARD)
    page = client.get(f"/dashboard/residents/{resident_id}").get_data(as_text=True)
    assert "Truus Lamberts" in page and "Opslaan" not in page and "disabled" in page
    assert "Bewoner toevoegen" not in client.get("/dashboard/residents/").get_data(as_text=True)

    refused = post(client, f"/dashboard/residents/{resident_id}",
                   {"name": "Truus Veranderd", "phone": TRUUS, "language": "nl", "payment": "pin"})
    assert refused.status_code == 403 and "Niet toegestaan" in refused.get_data(as_text=True)
    task = Task(village_id=truus(db).village_id, kind="call_back", phone=TRUUS, text="Bel Truus")
    db.add(task)
    db.commit()
    assert post(client, f"/dashboard/tasks/{task.id}/done").status_code == 403
    assert post(client, f"/dashboard/residents/{resident_id}/export").status_code == 403
    assert "Klaar" not in client.get("/dashboard/").get_data(as_text=True)
    assert "Bewoner wissen</button>" not in client.get(f"/dashboard/residents/{resident_id}/erase").get_data(as_text=True)
    assert post(client, f"/dashboard/residents/{resident_id}/erase", {"confirm": "WISSEN"}).status_code == 403
    db.expire_all()
    assert truus(db).name == "Truus Lamberts" and db.get(Task, task.id).done_at is None

    assert post(client, "/dashboard/logout").status_code == 302, "signing out is no change"


def test_the_board_reads_the_figures_search_words_and_messages_but_is_offered_no_change(client, accounts, db, phone,
                                                                                      work, capsys):
    number = placed(phone, work, capsys, "4 krentenbollen")["number"]
    resident = truus(db)
    _word_and_unclear_task(db, resident.village_id)
    sign_in(client, BOARD)
    shop = db.scalar(select(Shop).where(Shop.shop_id == "korenschoof"))
    pages = {path: client.get(path) for path in (
        "/dashboard/figures/", "/dashboard/figures/orders.csv", "/dashboard/search/?q=lamberts",
        f"/dashboard/search/?q={number}", "/dashboard/words/", "/dashboard/messages/",
        f"/dashboard/messages/resident/{resident.id}", "/dashboard/", f"/dashboard/residents/{resident.id}/order",
        f"/dashboard/shops/{shop.id}/price-list", "/dashboard/audit/")}
    assert {path: r.status_code for path, r in pages.items()} == dict.fromkeys(pages, 200)
    text = {path: r.get_data(as_text=True) for path, r in pages.items()}
    assert "<svg" in text["/dashboard/figures/"] and text["/dashboard/figures/orders.csv"].startswith("week,orders")
    assert "Truus Lamberts" in text["/dashboard/search/?q=lamberts"]
    assert f"{number}" in text[f"/dashboard/search/?q={number}"]
    assert "plompkes" in text["/dashboard/words/"] and "Vergeten" not in text["/dashboard/words/"]
    assert "4 krentenbollen" in text["/dashboard/messages/"]
    person = text[f"/dashboard/messages/resident/{resident.id}"]
    assert "4 krentenbollen" in person and "Versturen" not in person
    assert "plompje" in text["/dashboard/"] and "Woord leren" not in text["/dashboard/"]
    assert "Doorgeven" not in text[f"/dashboard/residents/{resident.id}/order"]
    assert 'type="file"' not in text[f"/dashboard/shops/{shop.id}/price-list"]
    assert "Bestelling opnemen" not in client.get(f"/dashboard/residents/{resident.id}").get_data(as_text=True)


def test_every_change_the_board_tries_on_the_desk_is_refused_and_changes_nothing(client, app, accounts, db, phone,
                                                                                  work, settings):
    phone(TRUUS).text("Is mijn bestelling binnen?")
    work()
    resident = truus(db)
    word, task = _word_and_unclear_task(db, resident.village_id)
    shop = db.scalar(select(Shop).where(Shop.shop_id == "korenschoof"))
    coordinator = app.test_client()
    sign_in(coordinator, EMAIL)
    preview = upload(coordinator, shop, CHANGED).get_data(as_text=True)
    assert "Wijzigingen doorvoeren" in preview, "the coordinator's preview waits for a confirmation"
    messages_before = len(outbox(settings, to=TRUUS))

    sign_in(client, BOARD)
    appeltaart = db.scalar(select(Product).where(Product.sku == "BAK-APPELTAART-PUNT"))
    order_page = f"/dashboard/residents/{resident.id}/order"
    refused = {
        "learn a word": post(client, f"/dashboard/tasks/{task}/learn", {"word": "plompje", "product": appeltaart.id}),
        "forget a word": post(client, f"/dashboard/words/{word}/forget"),
        "upload a price list": upload(client, shop, CHANGED),
        "apply a price list": confirm(client, shop, preview, csrf_token=csrf_token(client, "/dashboard/login")),
        "answer for a phone order": post(client, order_page, {"text": "4 krentenbollen"}),
        "stop a phone order": post(client, f"{order_page}/stop"),
        "reply to a message": post(client, f"/dashboard/messages/resident/{resident.id}/reply", {"body": "Ja hoor"}),
        "erase a resident": post(client, f"/dashboard/residents/{resident.id}/erase", {"confirm": "WISSEN"}),
        "download a resident's data": post(client, f"/dashboard/residents/{resident.id}/export"),
    }
    assert {what: r.status_code for what, r in refused.items()} == dict.fromkeys(refused, 403)
    assert all("Niet toegestaan" in r.get_data(as_text=True) for r in refused.values())

    db.expire_all()
    assert db.scalar(select(LearnedWord).where(LearnedWord.id == word)).product.sku == "BAK-KRENTENBOL"
    assert db.get(Task, task).done_at is None and db.scalar(select(LearnedWord).where(LearnedWord.word == "plompje")) is None
    assert db.scalar(select(Product).where(Product.sku == "BAK-KRENTENBOL")).price_cents == 85
    assert db.scalar(select(Product).where(Product.sku == "BAK-APPELFLAP")).active
    assert db.scalars(select(Order).where(Order.resident_id == resident.id)).all() == []
    assert len(outbox(settings, to=TRUUS)) == messages_before and truus(db).erased_at is None
    assert db.scalars(select(AuditEvent)).all() == []
    applied = confirm(coordinator, shop, preview)
    assert applied.status_code == 302, "the board's try did not use up the coordinator's preview"


def test_a_shopkeeper_opens_none_of_the_coordinators_desk_pages_nor_changes_anything_there(client, accounts, db):
    resident = truus(db)
    word, task = _word_and_unclear_task(db, resident.village_id)
    shop = db.scalar(select(Shop).where(Shop.shop_id == "korenschoof"))
    sign_in(client, BAKER)
    for path in ("/dashboard/figures/", "/dashboard/figures/shops.csv", "/dashboard/search/?q=lamberts",
                 "/dashboard/words/", "/dashboard/audit/", f"/dashboard/residents/{resident.id}/order",
                 f"/dashboard/residents/{resident.id}/erase", f"/dashboard/shops/{shop.id}/price-list",
                 f"/dashboard/shops/{shop.id}/price-list.csv", f"/dashboard/print/packing/{shop.id}/2026-11-24",
                 f"/dashboard/print/packing/{shop.id}/2026-11-24/pdf", "/dashboard/print/round/1"):
        assert client.get(path).status_code == 403, path
    page = "/dashboard/shop/"
    for path, data in ((f"/dashboard/tasks/{task}/learn", {"word": "plompje", "product": shop.products[0].id}),
                       (f"/dashboard/words/{word}/forget", {}),
                       (f"/dashboard/residents/{resident.id}/order", {"text": "4 krentenbollen"}),
                       (f"/dashboard/messages/resident/{resident.id}/reply", {"body": "Ja hoor"})):
        assert post(client, path, data, page=page).status_code == 403, path
    assert upload(client, shop, CHANGED).status_code == 403
    db.expire_all()
    assert db.get(Task, task).done_at is None and db.get(LearnedWord, word) is not None
    assert db.scalars(select(Order)).all() == [] and db.scalars(select(AuditEvent)).all() == []


def _word_and_unclear_task(db, village_id) -> tuple[int, int]:
    """A word the village learned ('plompkes': krentenbollen) and an open task about an unclear one ('plompje')."""
    krentenbol = db.scalar(select(Product).where(Product.sku == "BAK-KRENTENBOL"))
    word = LearnedWord(village_id=village_id, word="plompkes", product=krentenbol)
    task = Task(village_id=village_id, kind="unclear_word", phone=TRUUS, text="6 plompjes",
                details={"word": "plompje"})
    db.add_all([word, task])
    db.commit()
    return word.id, task.id


def test_a_shopkeeper_lands_on_their_shop_and_opens_nothing_else(client, accounts, db, giethoorn):
    assert sign_in(client, BAKER).location.endswith("/dashboard/shop/")
    assert client.get("/dashboard/").location.endswith("/dashboard/shop/")
    resident_id = truus(db).id
    for path in ("/dashboard/residents/", f"/dashboard/residents/{resident_id}", "/dashboard/orders/",
                 "/dashboard/messages/", f"/dashboard/messages/resident/{resident_id}", "/dashboard/catalogue/",
                 "/dashboard/shops/", "/dashboard/volunteers/", "/dashboard/rounds/", "/dashboard/audit/"):
        assert client.get(path).status_code == 403, path
    assert post(client, f"/dashboard/residents/{resident_id}/export").status_code == 403
    page = client.get("/dashboard/shop/").get_data(as_text=True)
    assert "Krentenbol" in page and "Rundergehakt" not in page and "Truus" not in page


def test_a_coordinator_has_no_shop_page(signed_in):
    assert signed_in.get("/dashboard/shop/").status_code == 403


def test_the_baker_accepts_on_the_page_as_with_ok_and_cannot_touch_the_butchers_part(client, accounts, db, phone,
                                                                                    work, capsys, giethoorn):
    order = placed(phone, work, capsys, "4 krentenbollen en een pond rundergehakt")
    number = order["number"]
    sign_in(client, BAKER)
    page = client.get("/dashboard/shop/").get_data(as_text=True)
    assert f"Bestelling {number}" in page and "4x Krentenbol" in page
    assert "Rundergehakt" not in page and "Truus" not in page and "Havenstraat" not in page

    assert post(client, f"/dashboard/shop/orders/{number}/accept", page="/dashboard/shop/").status_code == 302
    statuses = {so["shop_id"]: so["status"] for so in orders_json(capsys)[-1]["shop_orders"]}
    assert statuses == {"korenschoof": "accepted", "vandam": "sent"}

    butchers_line = next(line for line in _lines(db) if line.sku == "SLA-RUNDERGEHAKT")
    assert post(client, f"/dashboard/shop/orders/{number}/lines/{butchers_line.id}/sold-out",
                page="/dashboard/shop/").status_code == 404
    kaas = db.scalar(select(Product).where(Product.sku == "KAAS-JONG"))
    gehakt = db.scalar(select(Product).where(Product.sku == "SLA-RUNDERGEHAKT"))
    for product in (kaas, gehakt):
        assert post(client, f"/dashboard/shop/products/{product.id}/today", {"off": "1"},
                    page="/dashboard/shop/").status_code == 404
    assert post(client, "/dashboard/shop/orders/99999/accept", page="/dashboard/shop/").status_code == 404
    db.expire_all()
    assert gehakt.unavailable_on is None and not butchers_line.sold_out


def test_a_line_sold_out_on_the_page_tells_the_resident_as_op_does(client, accounts, db, phone, work, capsys,
                                                                   settings):
    number = placed(phone, work, capsys, "4 krentenbollen en een pond rundergehakt")["number"]
    sign_in(client, BUTCHER)
    line = next(line for line in _lines(db) if line.sku == "SLA-RUNDERGEHAKT")
    response = post(client, f"/dashboard/shop/orders/{number}/lines/{line.id}/sold-out", page="/dashboard/shop/")
    assert response.status_code == 302
    work()
    told = outbox(settings, to=TRUUS)[-1]["body"]
    assert str(number) in told and "Rundergehakt" in told and "Half-om-half gehakt" in told and "JA" in told
    after = orders_json(capsys)[-1]
    assert after["total"] == 3.40
    assert {so["shop_id"]: so["status"] for so in after["shop_orders"]}["vandam"] == "sold_out"
    assert "uitverkocht" in client.get("/dashboard/shop/").get_data(as_text=True)


def test_vandaag_niet_keeps_a_product_out_of_todays_orders_only(client, accounts, db, phone, work, settings, capsys,
                                                                monkeypatch):
    krentenbol = db.scalar(select(Product).where(Product.sku == "BAK-KRENTENBOL"))
    sign_in(client, BAKER)
    assert post(client, f"/dashboard/shop/products/{krentenbol.id}/today", {"off": "1"},
                page="/dashboard/shop/").status_code == 302
    assert "Toch wel: Krentenbol" in client.get("/dashboard/shop/").get_data(as_text=True)
    phone(TRUUS).text("4 krentenbollen")
    work()
    told = outbox(settings, to=TRUUS)[-1]["body"]
    assert "Krentenbollen hebben we vandaag niet" in told and "€" not in told and "verkopen we niet" not in told

    monkeypatch.setenv("DORPSLIJN_CLOCK", "2026-11-24T10:00:00+01:00")
    phone(TRUUS).text("4 krentenbollen")
    work()
    assert "Krentenbol" in outbox(settings, to=TRUUS)[-1]["body"], "the next day it can be ordered again"


def test_every_change_is_in_the_audit_page_with_before_and_after(signed_in, db, accounts):
    resident_id = truus(db).id
    page = f"/dashboard/residents/{resident_id}"
    response = post(signed_in, page, {"name": "Truus Lamberts", "phone": TRUUS, "address": "Havenstraat 9",
                                      "postcode": "8064 BD", "lat": "52,6362", "lon": "6,0708", "notes": "bel 2x aan",
                                      "language": "nl", "payment": "contant", "contact_name": "Ineke Lamberts",
                                      "contact_phone": "06-12345651"}, page=page)
    assert response.status_code == 302
    audit = signed_in.get("/dashboard/audit/").get_data(as_text=True)
    assert "Bewoner gewijzigd" in audit and "Kerkstraat 4" in audit and "Havenstraat 9" in audit
    assert "Ineke" not in audit, "only what changed"
    assert "anja@zwartsluis.test" in audit

    post(signed_in, f"{page}/erase", {"confirm": "WISSEN"}, page=f"{page}/erase")
    audit = signed_in.get("/dashboard/audit/").get_data(as_text=True)
    assert "Bewoner gewist" in audit
    assert "Kerkstraat 4" not in audit and "Havenstraat 9" not in audit, "an erasure takes the values along"


def test_the_command_line_makes_a_shopkeeper_only_for_a_shop_of_the_village(settings, demo, db, monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", _Stdin(PASSWORD + "\n"))
    assert main(["coordinator", "add", "--village", "zwartsluis", "--email", BAKER, "--role", "shopkeeper",
                 "--shop", "korenschoof"]) == 0
    monkeypatch.setattr("sys.stdin", _Stdin(PASSWORD + "\n"))
    assert main(["coordinator", "add", "--village", "zwartsluis", "--email", BUTCHER, "--role", "shopkeeper"]) == 1
    assert "nothing was changed" in capsys.readouterr().err
    with pytest.raises(UnknownShop):
        set_coordinator(db, "zwartsluis", BUTCHER, PASSWORD, role="shopkeeper", shop_id="kaasboer")


class _Stdin:
    def __init__(self, text):
        self.text = text

    def isatty(self):
        return False

    def readline(self):
        return self.text


def _lines(db):
    from orders.models import OrderLine
    return db.scalars(select(OrderLine)).all()
