"""The baker's new price list uploaded in a real Chromium: refused with its lines, then applied."""
from sqlalchemy import select

from orders.models import Product
from tests.support.browser import SCREENSHOTS, needs_chromium, sign_in
from tests.support.price_list import CHANGED, WITH_ERRORS

pytestmark = needs_chromium


def choose_file(page, text: str):
    page.get_by_label("CSV-bestand").set_input_files(
        files=[{"name": "bakker.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")}])
    page.get_by_role("button", name="Controleren").click()


def test_a_price_list_with_an_error_is_refused_by_line_and_one_without_is_applied_after_the_preview(
        page, coordinator, db):
    sign_in(page)
    page.get_by_role("link", name="Winkels").click()
    page.get_by_role("link", name="Bakkerij De Korenschoof").click()
    page.get_by_role("link", name="Assortiment uploaden").click()

    choose_file(page, WITH_ERRORS)
    assert "er is niets veranderd" in page.get_by_role("alert").inner_text()
    problems = page.get_by_role("table", name="Wat er mis is")
    assert "'twee' is geen prijs" in problems.get_by_role("row").filter(has_text="16").inner_text()
    assert page.get_by_role("button", name="Wijzigingen doorvoeren").count() == 0

    choose_file(page, CHANGED)
    assert "Speltbrood heel" in page.get_by_role("table", name="Nieuw").inner_text()
    assert "€ 0,85 wordt € 0,95" in page.get_by_role("table", name="Gewijzigd").inner_text()
    assert "Appelflap" in page.get_by_role("table", name="Niet meer te koop").inner_text()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "price-list-preview.png"), full_page=True)
    assert db.scalar(select(Product.price_cents).where(Product.sku == "BAK-KRENTENBOL")) == 85

    page.get_by_role("button", name="Wijzigingen doorvoeren").click()
    assert "Het assortiment is bijgewerkt" in page.get_by_role("status").inner_text()
    assert "€ 0,95" in page.get_by_role("row").filter(has_text="Krentenbol").first.inner_text()
    assert "Speltbrood heel" in page.locator("main").inner_text()
    db.expire_all()
    assert db.scalar(select(Product.price_cents).where(Product.sku == "BAK-KRENTENBOL")) == 95
    assert not db.scalar(select(Product.active).where(Product.sku == "BAK-APPELFLAP"))
