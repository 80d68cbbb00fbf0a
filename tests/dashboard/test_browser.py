"""The dashboard in a real Chromium, as a coordinator uses it: sign in, click, type, read the page.

The app is served on 127.0.0.1 in a background thread against the test database; residents'
texts still come in through the real signed webhook and the worker.
"""
from __future__ import annotations

from sqlalchemy import select

from orders.catalogue_cache import catalogue_for
from orders.models import Product, Village
from tests.support.accounts import OTHER_EMAIL
from tests.support.browser import SCREENSHOTS, needs_chromium, sign_in
from tests.support.outbox import outbox
from tests.support.people import TRUUS

pytestmark = needs_chromium


def test_the_coordinator_signs_in_and_a_wrong_password_is_refused(page, coordinator):
    sign_in(page, password="verkeerd-wachtwoord")
    assert page.get_by_role("alert").inner_text().startswith("Het e-mailadres of het wachtwoord klopt niet")
    assert page.get_by_role("navigation", name="Onderdelen").count() == 0

    sign_in(page)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Taken")
    assert "Dorpsplein Zwartsluis" in page.locator("header").inner_text()

    page.get_by_role("button", name="Afmelden").click()
    assert "U bent afgemeld" in page.get_by_role("status").inner_text()
    page.goto("/dashboard/residents/")
    assert page.get_by_role("heading", level=1).inner_text() == "Aanmelden als coördinator"


def test_a_resident_added_in_the_dashboard_is_in_the_list(page, coordinator):
    sign_in(page)
    page.get_by_role("link", name="Bewoners").click()
    page.get_by_role("link", name="Bewoner toevoegen").click()
    page.get_by_label("Naam", exact=True).fill("Hendrik Mulder")
    page.get_by_label("Telefoonnummer", exact=True).fill("06-1234 5699")
    page.get_by_label("Adres", exact=True).fill("Havenstraat 1")
    page.get_by_label("Betaling").select_option("pin")
    page.get_by_label("Contactpersoon (familie of mantelzorger)").fill("Els Mulder")
    page.get_by_label("Telefoonnummer contactpersoon").fill("06 12345698")
    page.get_by_label("Contactpersoon krijgt een kopie").check()
    page.get_by_role("button", name="Opslaan").click()

    assert "De wijziging is opgeslagen" in page.get_by_role("status").inner_text()
    row = page.get_by_role("row").filter(has_text="Hendrik Mulder")
    assert "06 1234 5699" in row.inner_text() and "Els Mulder" in row.inner_text()
    assert "krijgt kopieën" in row.inner_text()


def test_bel_mij_puts_a_task_on_the_list_and_done_takes_it_off(page, coordinator, phone, work, settings):
    phone(TRUUS).text("BEL MIJ")
    work()
    assert outbox(settings, to=TRUUS), "Truus is told someone will call"

    sign_in(page)
    task = page.get_by_role("article").filter(has_text="Truus Lamberts")
    assert task.get_by_role("heading").inner_text() == "Wil teruggebeld worden"
    assert task.get_by_role("link", name="06 1234 5601").get_attribute("href") == f"tel:{TRUUS}"
    assert "1" in page.get_by_role("link", name="Taken").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "task-list.png"), full_page=True)

    task.get_by_role("button", name="Klaar").click()
    assert "De taak is afgehandeld" in page.get_by_role("status").inner_text()
    assert page.get_by_role("article").count() == 0
    assert "geen open taken" in page.locator("main").inner_text()
    assert "Truus Lamberts" in page.get_by_role("table").inner_text(), "it shows under recently done"


def test_a_new_price_typed_in_the_dashboard_is_the_price_read_back_next(page, coordinator, db, phone, work,
                                                                        settings):
    sign_in(page)
    page.get_by_role("link", name="Assortiment").click()
    page.get_by_role("link", name="Bakkerij De Korenschoof", exact=True).click()
    page.get_by_role("link", name="Krentenbol", exact=True).click()
    page.get_by_label("Prijs in euro").fill("0,95")
    page.get_by_role("button", name="Opslaan").click()
    assert "€ 0,95" in page.get_by_role("row").filter(has_text="Krentenbol").first.inner_text()

    db.expire_all()
    assert catalogue_for(db, db.scalar(select(Village))).get("BAK-KRENTENBOL").price_cents == 95
    phone(TRUUS).text("4 krentenbollen")
    work()
    assert "€ 3,80" in outbox(settings, to=TRUUS)[-1]["body"], "4 x € 0,95 in the read-back"


def test_another_villages_data_is_not_visible(page, coordinator, giethoorn, db):
    sign_in(page)
    for link in ("Taken", "Bewoners", "Assortiment", "Winkels"):
        page.get_by_role("link", name=link).first.click()
        text = page.locator("main").inner_text()
        assert "Geesje" not in text and "Punter" not in text, link
    kaas = db.scalar(select(Product).where(Product.sku == "KAAS-JONG"))
    assert page.goto(f"/dashboard/catalogue/{kaas.id}").status == 404

    page.get_by_role("button", name="Afmelden").click()
    sign_in(page, OTHER_EMAIL)
    assert "Geesje Punter" in page.locator("main").inner_text()
    assert "Truus" not in page.locator("main").inner_text()


def test_a_form_without_its_csrf_token_is_refused(page, coordinator, db):
    sign_in(page)
    page.goto("/dashboard/residents/new")
    page.locator("main input[name=csrf_token]").evaluate("input => input.remove()")
    page.get_by_label("Naam", exact=True).fill("Zonder Token")
    page.get_by_label("Telefoonnummer", exact=True).fill("0612345697")
    page.get_by_role("button", name="Opslaan").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Niet opgeslagen"
    page.get_by_role("link", name="Bewoners").click()
    assert "Zonder Token" not in page.locator("main").inner_text()


def test_an_unclear_word_taught_in_the_tasks_is_understood_next_and_forgotten_when_removed(page, coordinator, phone,
                                                                                            work, settings):
    phone(TRUUS).text("3 plompkes en 2 krentenbollen")
    work()
    sign_in(page)
    task = page.get_by_role("article").filter(has_text="Onbekend woord")
    assert task.get_by_label("Het woord").input_value() == "plompkes"
    task.get_by_label("Bedoeld product").select_option(label="Appeltaart punt (Bakkerij De Korenschoof)")
    task.get_by_role("button", name="Woord leren").click()
    assert "Het woord is geleerd" in page.get_by_role("status").inner_text()
    assert page.get_by_role("article").filter(has_text="Onbekend woord").count() == 0

    page.get_by_role("navigation", name="Onderdelen").get_by_role("link", name="Geleerde woorden").click()
    row = page.get_by_role("row").filter(has_text="plompkes")
    assert "Appeltaart punt" in row.inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "learned-words.png"), full_page=True)

    phone("+31612345602").text("3 plompkes")
    work()
    assert "3x Appeltaart punt" in outbox(settings, to="+31612345602")[-1]["body"]

    row.get_by_role("button", name="Vergeten").click()
    assert "Het woord is vergeten" in page.get_by_role("status").inner_text()
    assert page.get_by_role("row").filter(has_text="plompkes").count() == 0
    phone("+31612345604").text("3 plompkes")
    work()
    assert "Appeltaart" not in outbox(settings, to="+31612345604")[-1]["body"]
