"""The dashboard through Flask's test client: sign-in, one village only, CSRF, edits that stick, a day closed now."""
import re
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from cli.main import main
from dorpslijn.config import load_settings
from dorpslijn.db import session_scope
from orders.availability import set_available
from orders.calendar import TIMEZONE
from orders.catalogue_cache import catalogue_for
from orders.deliveries import DeliveryRound, RoundDay, RoundStop
from orders.models import Order, Product, Resident, Task, Village, Volunteer
from tests.support.accounts import EMAIL, PASSWORD
from tests.support.caller import Caller
from tests.support.forms import csrf_token, post
from tests.support.orders import confirmed_order
from tests.support.outbox import outbox
from tests.support.people import COORDINATOR, TRUUS, VILLAGE_PHONE
from tests.support.webhooks import signed_post
from web import create_app

RIDERS = ("+31612345611", "+31612345612")  # Kees Dekker and Fatima Bouzid
PAGES = ["/dashboard/", "/dashboard/residents/", "/dashboard/residents/new", "/dashboard/shops/",
         "/dashboard/catalogue/", "/dashboard/catalogue/new", "/dashboard/volunteers/",
         "/dashboard/volunteers/new", "/dashboard/rounds/", "/dashboard/orders/", "/dashboard/messages/"]


def test_every_page_asks_a_stranger_to_sign_in_first(client, coordinator):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 302 and "/dashboard/login" in response.location, path


def test_a_wrong_password_is_refused_and_the_right_one_opens_the_dashboard(client, coordinator):
    wrong = post(client, "/dashboard/login", {"email": EMAIL, "password": "raden-maar"})
    assert wrong.status_code == 401 and "klopt niet" in wrong.get_data(as_text=True)
    assert client.get("/dashboard/").status_code == 302

    right = post(client, "/dashboard/login", {"email": "  Anja@Zwartsluis.test ", "password": PASSWORD})
    assert right.status_code == 302 and right.location.endswith("/dashboard/")
    page = client.get("/dashboard/").get_data(as_text=True)
    assert "Dorpsplein Zwartsluis" in page and "Taken" in page


def test_signing_in_goes_back_to_the_page_asked_for_but_never_to_another_site(client, coordinator):
    token = csrf_token(client, "/dashboard/login")
    back = client.post("/dashboard/login?next=/dashboard/shops/", data={"email": EMAIL, "password": PASSWORD,
                                                                      "csrf_token": token})
    assert back.location.endswith("/dashboard/shops/")
    away = client.post("/dashboard/login?next=//evil.example/x", data={
        "email": EMAIL, "password": PASSWORD, "csrf_token": csrf_token(client, "/dashboard/login")})
    assert away.location.endswith("/dashboard/")


def test_many_wrong_passwords_lock_the_account_for_a_while(client, coordinator):
    for _ in range(10):
        post(client, "/dashboard/login", {"email": EMAIL, "password": "fout-wachtwoord"})
    locked = post(client, "/dashboard/login", {"email": EMAIL, "password": PASSWORD})
    assert locked.status_code == 429 and client.get("/dashboard/").status_code == 302


def test_signing_out_closes_the_dashboard(signed_in):
    assert post(signed_in, "/dashboard/logout", {}, page="/dashboard/").status_code == 302
    assert signed_in.get("/dashboard/residents/").status_code == 302


def test_every_page_opens_for_the_coordinator(signed_in):
    for path in PAGES:
        assert signed_in.get(path).status_code == 200, path


def test_a_form_without_the_csrf_token_changes_nothing(signed_in, db):
    truus = db.scalar(select(Resident).where(Resident.phone == TRUUS))
    response = signed_in.post(f"/dashboard/residents/{truus.id}", data={
        "name": "Iemand Anders", "phone": TRUUS, "language": "nl", "payment": "contant"})
    assert response.status_code == 400 and "Niet opgeslagen" in response.get_data(as_text=True)
    db.expire_all()
    assert db.get(Resident, truus.id).name == "Truus Lamberts"


def test_a_form_with_another_sessions_token_changes_nothing(signed_in, app, db, coordinator):
    stranger = app.test_client()
    token = csrf_token(stranger, "/dashboard/login")
    truus = db.scalar(select(Resident).where(Resident.phone == TRUUS))
    response = signed_in.post(f"/dashboard/residents/{truus.id}", data={
        "name": "Iemand Anders", "phone": TRUUS, "language": "nl", "payment": "contant", "csrf_token": token})
    assert response.status_code == 400


def test_the_webhooks_need_no_csrf_token(signed_in, settings, demo):
    form = {"MessageSid": "SMcsrf1", "From": TRUUS, "To": VILLAGE_PHONE, "Body": "STATUS", "NumMedia": "0"}
    assert signed_post(signed_in, settings, "/twilio/messages", form).status_code == 200


def test_a_coordinator_sees_and_changes_only_their_own_village(signed_in, giethoorn, db):
    other = giethoorn["village_id"]
    geesje = db.scalar(select(Resident).where(Resident.village_id == other))
    kaas = db.scalar(select(Product).where(Product.village_id == other))
    task = db.scalar(select(Task).where(Task.village_id == other))

    for path in ["/dashboard/", "/dashboard/residents/", "/dashboard/catalogue/", "/dashboard/shops/"]:
        page = signed_in.get(path).get_data(as_text=True)
        assert "Geesje" not in page and "Punter" not in page and "Giethoorn" not in page, path
    assert signed_in.get(f"/dashboard/residents/{geesje.id}").status_code == 404
    assert signed_in.get(f"/dashboard/catalogue/{kaas.id}").status_code == 404
    assert post(signed_in, f"/dashboard/tasks/{task.id}/done", {}, page="/dashboard/").status_code == 404
    assert post(signed_in, f"/dashboard/catalogue/{kaas.id}", {"name": "Gestolen", "price_cents": "0,01",
                                                               "unit": "kg"},
                page="/dashboard/catalogue/").status_code == 404
    db.expire_all()
    assert db.get(Task, task.id).done_at is None and db.get(Product, kaas.id).name == "Punter kaas jong"


def test_a_new_product_cannot_be_put_in_another_villages_shop(signed_in, giethoorn, db):
    other_shop = db.scalar(select(Product).where(Product.village_id == giethoorn["village_id"])).shop_pk
    response = post(signed_in, "/dashboard/catalogue/new", {
        "shop_pk": other_shop, "sku": "KAAS-OUD", "name": "Oude kaas", "price_cents": "15,00", "unit": "kg"})
    assert response.status_code == 400
    assert db.scalar(select(Product).where(Product.sku == "KAAS-OUD")) is None


def test_a_resident_added_with_a_phone_number_as_people_write_it(signed_in, db):
    response = post(signed_in, "/dashboard/residents/new", {
        "name": "Hendrik Mulder", "phone": "06-1234 5699", "address": "Havenstraat 1", "postcode": "8064 AA",
        "language": "en", "payment": "factuur", "contact_name": "Els Mulder", "contact_phone": "0031612345698",
        "contact_copies": "y"})
    assert response.status_code == 302
    hendrik = db.scalar(select(Resident).where(Resident.name == "Hendrik Mulder"))
    assert (hendrik.phone, hendrik.contact_phone, hendrik.language, hendrik.payment, hendrik.contact_copies) == \
        ("+31612345699", "+31612345698", "en", "factuur", True)
    assert "Hendrik Mulder" in signed_in.get("/dashboard/residents/").get_data(as_text=True)


def test_a_bad_or_taken_phone_number_is_not_saved_and_is_pointed_out(signed_in, db):
    bad = post(signed_in, "/dashboard/residents/new", {"name": "Nobody", "phone": "bel mij", "language": "nl",
                                                       "payment": "contant"})
    assert bad.status_code == 400 and "geen telefoonnummer" in bad.get_data(as_text=True)
    taken = post(signed_in, "/dashboard/residents/new", {"name": "Dubbel", "phone": "06-12345601",
                                                         "language": "nl", "payment": "contant"})
    assert taken.status_code == 400 and "al in gebruik" in taken.get_data(as_text=True)
    assert db.scalar(select(Resident).where(Resident.name.in_(["Nobody", "Dubbel"]))) is None


def test_a_new_resident_is_marked_checked_by_the_coordinator(signed_in, db, settings):
    with session_scope(settings.database_url) as session:
        village = session.scalar(select(Village))
        session.add(Resident(village_id=village.id, name="Nieuwe Nel", phone="+31612345690", checked=False))
    page = signed_in.get("/dashboard/residents/").get_data(as_text=True)
    assert "nog controleren" in page
    nel = db.scalar(select(Resident).where(Resident.name == "Nieuwe Nel"))
    assert post(signed_in, f"/dashboard/residents/{nel.id}/checked", {},
                page="/dashboard/residents/").status_code == 302
    db.expire_all()
    assert db.get(Resident, nel.id).checked
    assert "nog controleren" not in signed_in.get("/dashboard/residents/").get_data(as_text=True)


def test_a_big_village_lists_its_residents_a_hundred_at_a_time_new_ones_first(signed_in, db, settings):
    with session_scope(settings.database_url) as session:
        village = session.scalar(select(Village))
        session.add_all(Resident(village_id=village.id, name=f"Bewoner {n:03d}", phone=f"+316200{n:05d}")
                        for n in range(245))
        session.add(Resident(village_id=village.id, name="Zeger Nieuw", phone="+31612345690", checked=False))
    pages = [signed_in.get(f"/dashboard/residents/?page={n}").get_data(as_text=True) for n in (1, 2, 3)]
    names = [re.findall(r"<strong>([^<]+)</strong></a>", page) for page in pages]
    assert [len(shown) for shown in names] == [100, 100, 51]
    assert names[0][0] == "Zeger Nieuw", "a resident still to be checked comes first"
    assert sorted(sum(names, [])) == sorted({name for shown in names for name in shown}), "nobody twice"
    assert "Truus Lamberts" in sum(names, []) and len(sum(names, [])) == 251
    assert "Bewoners (251)" in pages[0] and "Bewoner 1 tot en met 100 van 251" in pages[0]
    assert "page=2" in pages[0] and "Vorige" not in pages[0]
    assert "Bewoner 201 tot en met 251 van 251" in pages[2] and "page=2" in pages[2] and "Volgende" not in pages[2]
    assert signed_in.get("/dashboard/residents/?page=99").get_data(as_text=True).count("<tr>") == 52, \
        "past the end: the last page"


def test_a_new_price_is_what_the_next_order_is_read_back_with(signed_in, db):
    village = db.scalar(select(Village))
    bol = db.scalar(select(Product).where(Product.sku == "BAK-KRENTENBOL"))
    assert catalogue_for(db, village).get("BAK-KRENTENBOL").price_cents == 85
    response = post(signed_in, f"/dashboard/catalogue/{bol.id}", {
        "name": "Krentenbol", "price_cents": "€ 0,95", "unit": "stuk", "category": bol.category})
    assert response.status_code == 302
    db.expire_all()
    assert catalogue_for(db, db.get(Village, village.id)).get("BAK-KRENTENBOL").price_cents == 95
    assert "€ 0,95" in signed_in.get(f"/dashboard/catalogue/?shop={bol.shop_pk}").get_data(as_text=True)


BERTUS, GRIETJE, JOHAN = "+31612345602", "+31612345603", "+31612345604"


def test_a_product_renamed_and_repriced_is_what_the_very_next_text_and_call_understand(
        signed_in, phone, work, settings, db):
    phone(BERTUS).text("4 krentenbollen")
    work()
    assert "4x Krentenbol € 3,40" in outbox(settings, to=BERTUS)[-1]["body"]
    johan = Caller(signed_in, settings, JOHAN)
    johan.dial()
    assert "krentenbol" in johan.press(2).gather.get("hints")

    bol = db.scalar(select(Product).where(Product.sku == "BAK-KRENTENBOL"))
    post(signed_in, f"/dashboard/catalogue/{bol.id}", {
        "name": "Rozijnenbol", "price_cents": "0,95", "unit": "stuk", "category": bol.category})

    phone(TRUUS).text("4 rozijnenbollen")
    work()
    assert "4x Rozijnenbol € 3,80" in outbox(settings, to=TRUUS)[-1]["body"]
    grietje = Caller(signed_in, settings, GRIETJE)
    grietje.dial()
    hints = grietje.press(2).gather.get("hints").split(", ")
    assert "rozijnenbol" in hints and "krentenbol" not in hints
    assert "Rozijnenbol, vier stuks, drie euro tachtig." in grietje.say("vier rozijnenbollen").said


def test_a_product_taken_off_sale_leaves_the_catalogue_and_can_come_back(signed_in, db):
    bol = db.scalar(select(Product).where(Product.sku == "BAK-KRENTENBOL"))
    post(signed_in, f"/dashboard/catalogue/{bol.id}/active", {"active": "0"}, page="/dashboard/catalogue/")
    db.expire_all()
    assert catalogue_for(db, db.scalar(select(Village))).get("BAK-KRENTENBOL") is None
    post(signed_in, f"/dashboard/catalogue/{bol.id}/active", {"active": "1"}, page="/dashboard/catalogue/")
    db.expire_all()
    assert catalogue_for(db, db.scalar(select(Village))).get("BAK-KRENTENBOL") is not None


def test_a_new_product_is_offered_at_once(signed_in, db):
    shop = db.scalar(select(Product).where(Product.sku == "BAK-KRENTENBOL")).shop_pk
    response = post(signed_in, "/dashboard/catalogue/new", {
        "shop_pk": shop, "sku": "bak-speltbol", "name": "Speltbol", "price_cents": "1,10", "unit": "stuk",
        "category": "broodjes"})
    assert response.status_code == 302
    db.expire_all()
    product = catalogue_for(db, db.scalar(select(Village))).get("BAK-SPELTBOL")
    assert product.name == "Speltbol" and product.price_cents == 110


def test_a_price_that_is_no_price_is_pointed_out(signed_in, db):
    bol = db.scalar(select(Product).where(Product.sku == "BAK-KRENTENBOL"))
    response = post(signed_in, f"/dashboard/catalogue/{bol.id}", {"name": "Krentenbol", "price_cents": "duur",
                                                                 "unit": "stuk"})
    assert response.status_code == 400 and "3,45" in response.get_data(as_text=True)


def test_a_volunteers_days_are_kept(signed_in, db):
    kees = db.scalar(select(Volunteer).where(Volunteer.name == "Kees Dekker"))
    response = signed_in.post(f"/dashboard/volunteers/{kees.id}", data=MultiDict([
        ("name", "Kees Dekker"), ("phone", kees.phone), ("days", "vr"), ("days", "di"), ("capacity_bags", "10"),
        ("csrf_token", csrf_token(signed_in, f"/dashboard/volunteers/{kees.id}"))]))
    assert response.status_code == 302
    db.expire_all()
    assert (db.get(Volunteer, kees.id).days, db.get(Volunteer, kees.id).capacity_bags) == ("di,vr", 10)


def test_a_shop_gets_its_orders_on_another_channel(signed_in, db):
    from orders.models import Shop
    shop = db.scalar(select(Shop).where(Shop.shop_id == "korenschoof"))
    response = post(signed_in, f"/dashboard/shops/{shop.id}", {
        "name": shop.name, "kind": shop.kind, "phone": shop.phone, "channel": "whatsapp", "address": shop.address})
    assert response.status_code == 302
    db.expire_all()
    assert db.get(Shop, shop.id).channel == "whatsapp"


def test_a_task_with_a_recording_can_be_played_and_marked_done(signed_in, db, settings):
    with session_scope(settings.database_url) as session:
        village = session.scalar(select(Village))
        session.add(Task(village_id=village.id, kind="voice_message", phone=TRUUS,
                         url="https://api.twilio.com/recordings/RE123", text="Ingesproken boodschappen"))
        session.add(Task(village_id=village.id, kind="media", phone="+31611112222", url="javascript:alert(1)",
                         details={"media": [{"url": "https://media.test/lijst.jpg", "type": "image/jpeg"},
                                            {"url": "javascript:alert(1)", "type": "audio/ogg"}]}))
    page = signed_in.get("/dashboard/").get_data(as_text=True)
    assert '<audio controls preload="none" src="https://api.twilio.com/recordings/RE123">' in page
    assert '<img src="https://media.test/lijst.jpg"' in page
    assert "javascript:" not in page
    assert "Truus Lamberts" in page, "a known number is shown with the resident's name"
    assert "/dashboard/residents/new?phone=%2B31611112222" in page, "an unknown number can be added at once"
    task = db.scalar(select(Task).where(Task.kind == "voice_message"))
    post(signed_in, f"/dashboard/tasks/{task.id}/done", {}, page="/dashboard/")
    db.expire_all()
    assert db.get(Task, task.id).done_at is not None
    assert "RE123" not in signed_in.get("/dashboard/").get_data(as_text=True).split("Onlangs afgehandeld")[0]


def test_a_new_resident_is_checked_from_the_task_list(signed_in, db, settings):
    with session_scope(settings.database_url) as session:
        village = session.scalar(select(Village))
        nel = Resident(village_id=village.id, name="Nieuwe Nel", phone="+31612345690", checked=False)
        session.add(Task(village_id=village.id, kind="new_resident", phone=nel.phone, resident=nel))
    assert "Bewoner gecontroleerd" in signed_in.get("/dashboard/").get_data(as_text=True)
    nel = db.scalar(select(Resident).where(Resident.name == "Nieuwe Nel"))
    response = post(signed_in, f"/dashboard/residents/{nel.id}/checked", {"next": "/dashboard/"}, page="/dashboard/")
    assert response.location.endswith("/dashboard/"), "back to the task list"
    db.expire_all()
    assert db.get(Resident, nel.id).checked


def test_the_days_orders_show_per_shop_until_rounds_are_planned_then_the_rounds(signed_in, phone, work, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen en een pond rundergehakt")
    work()
    order = db.scalar(select(Order))
    draft_page = signed_in.get(f"/dashboard/orders/?date={order.delivery_date}").get_data(as_text=True)
    assert "Nog niet bevestigd" in draft_page and "Truus Lamberts" in draft_page
    truus.text("JA")
    work()
    db.expire_all()
    order = db.scalar(select(Order))
    orders_page = signed_in.get(f"/dashboard/orders/?date={order.delivery_date}").get_data(as_text=True)
    assert f"<strong>{order.number}</strong>" in orders_page and "bevestigd" in orders_page
    before = signed_in.get(f"/dashboard/rounds/?date={order.delivery_date}").get_data(as_text=True)
    assert "Bakkerij De Korenschoof" in before and "4x Krentenbol" in before and "1 pond Rundergehakt" in before

    kees = db.scalar(select(Volunteer).where(Volunteer.name == "Kees Dekker"))
    start = datetime.combine(order.delivery_date, time(9), TIMEZONE)
    bakery = order.shop_orders[0].shop
    db.add(DeliveryRound(village_id=order.village_id, date=order.delivery_date, volunteer=kees, starts_at=start,
                         distance_m=4200, duration_s=1800, bags=1, stops=[
                             RoundStop(position=1, kind="pickup", shop=bakery, eta=start),
                             RoundStop(position=2, kind="delivery", order=order, eta=start + timedelta(minutes=20),
                                       window_from=start, window_until=start + timedelta(hours=1),
                                       outcome="not_home")]))
    db.commit()
    after = signed_in.get(f"/dashboard/rounds/?date={order.delivery_date}").get_data(as_text=True)
    assert "Ronde van Kees Dekker" in after and "4,2 km" in after
    assert "Ophalen bij <strong>Bakkerij De Korenschoof</strong>" in after
    assert f"Bestelling <strong>{order.number}</strong>" in after and "09:00 tot 10:00" in after
    assert "niet thuis" in after


def test_coordinator_add_reads_the_password_and_refuses_a_short_one(client, demo, monkeypatch, capsys):
    import io
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["coordinator", "add", "--village", "zwartsluis", "--email", "kees@zwartsluis.test"]) == 1
    monkeypatch.setattr("sys.stdin", io.StringIO("een-lang-wachtwoord\n"))
    assert main(["coordinator", "add", "--village", "zwartsluis", "--email", "kees@zwartsluis.test"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO("een-lang-wachtwoord\n"))
    assert main(["coordinator", "add", "--village", "nergensdorp", "--email", "x@y.test"]) == 1
    signed = post(client, "/dashboard/login", {"email": "kees@zwartsluis.test", "password": "een-lang-wachtwoord"})
    assert signed.status_code == 302


@pytest.mark.parametrize("transport", ["console", "live"])
def test_setup_makes_a_demo_coordinator_only_in_console_mode(client, settings, monkeypatch, capsys, transport):
    monkeypatch.setenv("DORPSLIJN_TRANSPORT", transport)
    main(["setup"])
    out = capsys.readouterr().out
    if transport == "live":
        assert "password" not in out
        assert post(client, "/dashboard/login", {"email": "coordinator@demo.dorpslijn",
                                                 "password": "x" * 40}).status_code == 401
        return
    password = out.split("password: ")[1].split()[0]
    main(["setup"])
    assert password in capsys.readouterr().out, "the same demo sign-in on every start"
    response = post(client, "/dashboard/login", {"email": "coordinator@demo.dorpslijn", "password": password})
    assert response.status_code == 302


def test_the_simulator_links_to_the_dashboard(client, demo):
    assert 'href="/dashboard/"' in client.get("/").get_data(as_text=True)


def test_what_a_coordinator_types_wrong_is_pointed_out_in_dutch(signed_in):
    response = post(signed_in, "/dashboard/residents/new", {"name": "", "phone": "", "lat": "noord",
                                                            "language": "nl", "payment": "contant"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Vul een naam in." in page and "Vul dit in." in page
    assert "neem het getal over" in page
    assert "This field" not in page and "Not a valid" not in page, "no English validation messages"
    free = post(signed_in, "/dashboard/catalogue/new", {"name": "Gratis", "price_cents": "0", "unit": "stuk",
                                                        "sku": "GRATIS"})
    assert "tussen € 0,01 en € 1000" in free.get_data(as_text=True)


def test_coordinates_may_be_typed_with_a_decimal_comma(signed_in, db):
    post(signed_in, "/dashboard/residents/new", {"name": "Hendrik Mulder", "phone": "0612345699", "lat": "52,6362",
                                                 "lon": "6.0708", "language": "nl", "payment": "contant"})
    hendrik = db.scalar(select(Resident).where(Resident.name == "Hendrik Mulder"))
    assert (hendrik.lat, hendrik.lon) == (52.6362, 6.0708)


def test_a_task_about_orders_names_their_numbers_and_urgent_ones_come_first(signed_in, settings):
    with session_scope(settings.database_url) as session:
        village = session.scalar(select(Village))
        session.add(Task(village_id=village.id, kind="shop_silent", phone="+31612345621",
                         details={"orders": [101, 102]}))
        session.add(Task(village_id=village.id, kind="not_home", phone=TRUUS, details={"orders": [103]}))
    page = signed_in.get("/dashboard/").get_data(as_text=True)
    assert "<strong>101, 102</strong>" in page and "Winkel reageert niet" in page
    assert page.index("Niet thuis bij bezorging") < page.index("Winkel reageert niet"), "the door first"


def test_closing_a_day_in_the_dashboard_has_a_worker_freeze_it_plan_the_rounds_and_send_the_rounds(
        signed_in, phone, work, settings, capsys):
    order = confirmed_order(phone, work, capsys)
    rounds_page = f"/dashboard/rounds/?date={order['delivery_date']}"
    assert "Bezorgdag nu sluiten" in signed_in.get(rounds_page).get_data(as_text=True)
    assert "niet terugdraaien" in signed_in.get(rounds_page).get_data(as_text=True), "it warns first"

    response = post(signed_in, "/dashboard/rounds/close", {"date": order["delivery_date"]}, page=rounds_page)
    assert response.status_code == 302 and response.location.endswith(rounds_page)
    page = signed_in.get(rounds_page).get_data(as_text=True)
    assert "De bezorgdag wordt nu gesloten" in page and "Bezorgdag nu sluiten" not in page
    assert 'http-equiv="refresh"' in page, "the page shows the close under way until a worker has done it"
    assert "Ronde van" not in page

    work()
    page = signed_in.get(rounds_page).get_data(as_text=True)
    assert "Bestellen voor deze dag is gesloten" in page and 'http-equiv="refresh"' not in page
    assert "Ronde van" in page and f"Bestelling <strong>{order['number']}</strong>" in page

    [round_text] = [m for m in outbox(settings) if m["to"] in RIDERS]
    assert round_text["status"] == "sent" and f" {order['number']}: Truus Lamberts" in round_text["body"]

    phone(TRUUS).text("ANNULEER")
    work()
    assert "kan niet meer afgezegd" in outbox(settings, to=TRUUS)[-1]["body"], "the day is frozen"

    sent = len(outbox(settings))
    again = post(signed_in, "/dashboard/rounds/close", {"date": order["delivery_date"]}, page=rounds_page)
    assert "was al gesloten" in signed_in.get(again.location).get_data(as_text=True)
    work()
    assert len(outbox(settings)) == sent, "closing twice sends nothing twice"


def test_a_day_closed_without_riders_shows_the_orders_that_have_none(signed_in, phone, work, settings, db, capsys):
    order = confirmed_order(phone, work, capsys)
    day = date.fromisoformat(order["delivery_date"])
    for volunteer in db.scalars(select(Volunteer)):
        set_available(db, volunteer, day, False)
    db.commit()
    rounds_page = f"/dashboard/rounds/?date={day}"

    post(signed_in, "/dashboard/rounds/close", {"date": day.isoformat()}, page=rounds_page)
    work()
    page = signed_in.get(rounds_page).get_data(as_text=True)
    assert "Bestellingen zonder ronde (1)" in page and f"{order['number']} · Truus Lamberts" in page
    assert str(order["number"]) in outbox(settings, to=COORDINATOR)[-1]["body"], "the coordinator is told too"


def test_the_simulators_close_button_is_there_only_with_the_console_transport(settings, demo, monkeypatch, db):
    monkeypatch.setenv("DORPSLIJN_TRANSPORT", "live")
    live = create_app(load_settings()).test_client()
    assert live.post("/simulator/close-day", json={"village": "zwartsluis"}).status_code == 404
    assert db.scalar(select(RoundDay)) is None, "no day was closed"
