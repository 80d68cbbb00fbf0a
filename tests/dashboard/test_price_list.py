"""A shop's price list uploaded in the dashboard: checked, previewed, applied only when confirmed."""
import html
import re

from sqlalchemy import select

from orders.catalogue_cache import catalogue_for
from orders.models import Product, Shop, Village
from tests.support.outbox import outbox
from tests.support.people import TRUUS
from tests.support.price_list import CHANGED, WITH_ERRORS, baker, baker_csv, confirm, upload


def price(db, sku):
    db.expire_all()
    return db.scalar(select(Product).where(Product.sku == sku))


def test_a_file_with_errors_is_refused_with_its_line_numbers_and_cannot_be_confirmed(signed_in, db):
    shop = baker(db)
    response = upload(signed_in, shop, WITH_ERRORS)
    page = html.unescape(response.get_data(as_text=True))
    assert response.status_code == 400
    assert "er is niets veranderd" in page
    assert re.search(r"<strong>16</strong>.*?price.*?'twee' is geen prijs", page, re.S), "Krentenbol is on line 16"
    assert re.search(r"<strong>12</strong>.*?unit.*?mag niet 'doos' zijn", page, re.S)
    assert 'name="token"' not in page and "Wijzigingen doorvoeren" not in page
    assert price(db, "BAK-KRENTENBOL").price_cents == 85


def test_the_preview_shows_new_changed_and_gone_and_nothing_changes_before_confirming(signed_in, db):
    shop = baker(db)
    page = upload(signed_in, shop, CHANGED).get_data(as_text=True)
    new, changed, gone = (re.search(rf"<h2>{title} \((\d+)\)</h2>", page).group(1)
                          for title in ("Nieuw", "Gewijzigd", "Niet meer te koop"))
    assert (new, changed, gone) == ("1", "2", "1")
    assert "Speltbrood heel" in page and "Appelflap" in page
    assert "prijs: € 0,85 wordt € 0,95" in page and "naam: Witte bol wordt Witte bol zacht" in page
    assert price(db, "BAK-KRENTENBOL").price_cents == 85 and price(db, "BAK-SPELT-HEEL") is None
    assert price(db, "BAK-APPELFLAP").active


def test_confirming_applies_every_change_at_once_and_order_understanding_sees_it(signed_in, db):
    shop = baker(db)
    page = upload(signed_in, shop, CHANGED).get_data(as_text=True)
    response = confirm(signed_in, shop, page)
    assert response.status_code == 302 and response.location.endswith(f"/dashboard/catalogue/?shop={shop.id}")
    assert "Het assortiment is bijgewerkt" in signed_in.get(response.location).get_data(as_text=True)
    assert price(db, "BAK-KRENTENBOL").price_cents == 95
    assert price(db, "BAK-WIT-BOL").name == "Witte bol zacht"
    spelt = price(db, "BAK-SPELT-HEEL")
    assert spelt.shop_pk == shop.id and spelt.price_cents == 450 and spelt.active
    assert not price(db, "BAK-APPELFLAP").active
    catalogue = catalogue_for(db, db.scalar(select(Village)))
    assert catalogue.get("BAK-KRENTENBOL").price_cents == 95 and catalogue.get("BAK-SPELT-HEEL") is not None

    again = confirm(signed_in, shop, page)
    assert again.status_code == 302 and again.location.endswith(f"/dashboard/shops/{shop.id}/price-list"), \
        "the same confirmation twice applies once"


def test_the_very_next_text_after_confirming_orders_from_the_new_price_list(signed_in, phone, work, settings, db):
    phone(TRUUS).text("een speltbrood heel")
    work()
    assert "Speltbrood heel verkopen we niet" in outbox(settings, to=TRUUS)[-1]["body"]
    shop = baker(db)
    confirm(signed_in, shop, upload(signed_in, shop, CHANGED).get_data(as_text=True))

    phone(TRUUS).text("een speltbrood heel en 2 krentenbollen")
    work()
    read_back = outbox(settings, to=TRUUS)[-1]["body"]
    assert "1x Speltbrood heel € 4,50" in read_back and "2x Krentenbol € 1,90" in read_back


def test_a_confirmation_without_the_forms_token_changes_nothing(signed_in, db):
    shop = baker(db)
    page = upload(signed_in, shop, CHANGED).get_data(as_text=True)
    assert confirm(signed_in, shop, page, csrf_token="").status_code == 400
    assert price(db, "BAK-KRENTENBOL").price_cents == 85


def test_when_the_products_change_after_the_preview_the_new_preview_is_shown_instead(signed_in, db):
    shop = baker(db)
    page = upload(signed_in, shop, CHANGED).get_data(as_text=True)
    price(db, "BAK-KRENTENBOL").price_cents = 95
    db.commit()
    response = confirm(signed_in, shop, page)
    assert response.status_code == 409 and "intussen gewijzigd" in response.get_data(as_text=True)
    assert price(db, "BAK-SPELT-HEEL") is None
    assert confirm(signed_in, shop, response.get_data(as_text=True)).status_code == 302
    assert price(db, "BAK-SPELT-HEEL") is not None


def test_a_line_of_another_shop_or_with_another_shops_code_is_refused(signed_in, db):
    shop = baker(db)
    text = baker_csv(add=("SLA-RUNDERGEHAKT,korenschoof,Gehakt,kg,9.95,vlees,",
                          "BAK-EXTRA,slager,Iets,stuk,1.00,brood,"))
    page = html.unescape(upload(signed_in, shop, text).get_data(as_text=True))
    assert "Artikelcode SLA-RUNDERGEHAKT is al van een andere winkel" in page
    assert "hoort bij winkel 'slager'" in page


def test_another_villages_shop_cannot_be_uploaded_to(signed_in, db, giethoorn):
    kaasboer = db.scalar(select(Shop).where(Shop.shop_id == "kaasboer"))
    assert signed_in.get(f"/dashboard/shops/{kaasboer.id}/price-list").status_code == 404
    assert upload(signed_in, kaasboer, "sku,shop_id,name,unit,price,category,description\n").status_code == 404


def test_the_current_list_downloads_in_the_uploads_columns_and_uploads_back_unchanged(signed_in, db):
    shop = baker(db)
    download = signed_in.get(f"/dashboard/shops/{shop.id}/price-list.csv")
    assert download.mimetype == "text/csv"
    text = download.get_data(as_text=True)
    assert text.startswith("sku,shop_id,name,unit,price,category,description\r\n")
    assert "BAK-KRENTENBOL,korenschoof,Krentenbol,stuk,0.85,brood," in text
    assert "dit bestand verandert niets" in upload(signed_in, shop, text).get_data(as_text=True).lower()


def test_the_upload_speaks_the_villages_language(signed_in, db):
    db.scalar(select(Village)).language = "en"
    db.commit()
    page = html.unescape(upload(signed_in, baker(db), WITH_ERRORS).get_data(as_text=True))
    assert "Upload the price list of Bakkerij De Korenschoof" in page
    assert "price 'twee' is not a price" in page and "nothing has changed" in page
