"""A closed day's round list and packing list, printed from the rounds page in a real Chromium."""
import io

from pypdf import PdfReader
from sqlalchemy import select

from orders.models import OrderLine, Shop, ShopOrder
from tests.support.browser import SCREENSHOTS, needs_chromium, sign_in
from tests.support.paper import in_order, rounds, stop_addresses

pytestmark = needs_chromium


def test_a_round_list_prints_as_a_page_and_a_pdf_with_every_stop_in_order(page, closed_day, db):
    delivery_round = rounds(db)[0]
    rider = delivery_round.volunteer.name
    sign_in(page)
    page.get_by_role("link", name="Rondes").click()
    page.goto(f"/dashboard/rounds/?date={closed_day}")
    page.get_by_role("link", name=f"Ronde van {rider} afdrukken").click()

    assert page.get_by_role("heading", level=1).inner_text() == f"Ronde van {rider}"
    stops = page.get_by_role("table").locator("tbody tr")
    assert stops.count() == len(delivery_round.stops)
    assert in_order(" ".join(page.get_by_role("table").inner_text().split()), stop_addresses(delivery_round))
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="PDF downloaden").is_visible(), "the print has no buttons"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "round-list-print.png"), full_page=True)
    page.emulate_media(media="screen")

    pdf = page.request.get(page.get_by_role("link", name="PDF downloaden").get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    (SCREENSHOTS / "round-list.pdf").write_bytes(pdf.body())
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages).split())
    assert f"Ronde van {rider}" in text and in_order(text, stop_addresses(delivery_round))


def test_a_packing_list_prints_only_its_own_shops_lines(page, closed_day, db):
    baker = db.scalar(select(Shop).where(Shop.shop_id == "korenschoof"))
    own = set(db.scalars(select(OrderLine.name).join(ShopOrder).where(ShopOrder.shop_pk == baker.id)))
    other = set(db.scalars(select(OrderLine.name).join(ShopOrder).where(ShopOrder.shop_pk != baker.id))) - own
    sign_in(page)
    page.goto(f"/dashboard/rounds/?date={closed_day}")
    page.get_by_role("link", name="Paklijst Bakkerij De Korenschoof").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Paklijst Bakkerij De Korenschoof"
    text = page.locator("main").inner_text()
    assert own and all(name in text for name in own) and not any(name in text for name in other)
    page.screenshot(path=str(SCREENSHOTS / "packing-list.png"), full_page=True)
    pdf = page.request.get(page.get_by_role("link", name="PDF downloaden").get_attribute("href"))
    (SCREENSHOTS / "packing-list.pdf").write_bytes(pdf.body())
    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert all(name in pdf_text for name in own) and not any(name in pdf_text for name in other)
