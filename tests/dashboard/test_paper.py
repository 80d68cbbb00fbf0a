"""Lists on paper: a rider's round and a shop's packing list, as a page and as a PDF."""
import io
import re

from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from orders.models import Resident, Shop, ShopOrder, Village
from tests.support.paper import in_order, order_day, rounds, stop_addresses
from tests.support.people import TRUUS


def pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.get_data())).pages)
    return " ".join(text.split())  # a line broken to fit its column reads as one


def test_a_round_list_pdf_holds_every_stop_in_riding_order_shops_first(signed_in, closed_day, db):
    assert rounds(db), "the day has rounds"
    for delivery_round in rounds(db):
        kinds = [stop.kind for stop in sorted(delivery_round.stops, key=lambda stop: stop.position)]
        assert kinds == sorted(kinds, key=lambda kind: kind != "pickup"), "pick-ups first"
        text = pdf_text(signed_in.get(f"/dashboard/print/round/{delivery_round.id}/pdf"))
        assert f"Ronde van {delivery_round.volunteer.name}" in text
        assert in_order(text, stop_addresses(delivery_round)), (stop_addresses(delivery_round), text)


def test_the_round_page_has_a_box_per_stop_phones_and_the_money_to_collect(signed_in, closed_day, db):
    truus_round = next(r for r in rounds(db) if any(s.order and s.order.resident.phone == TRUUS for s in r.stops))
    page = signed_in.get(f"/dashboard/print/round/{truus_round.id}").get_data(as_text=True)
    assert page.count('class="box"') == len(truus_round.stops)
    assert "@media print" in page and "PDF downloaden" in page
    truus = next(s.order for s in truus_round.stops if s.order and s.order.resident.phone == TRUUS)
    row = next(r for r in page.split('<tr class="stop">') if "Truus Lamberts" in r)
    assert "Kerkstraat 4" in row and "06 1234 5601" in row and "bel 2x aan" in row
    assert re.search(r"€ \d+,\d\d contant ontvangen", row) and f"Bestelling {truus.number}" in row


def test_a_packing_list_holds_every_line_of_its_shop_and_nothing_of_another(signed_in, closed_day, db):
    for shop_id in ("korenschoof", "vandam"):
        shop = db.scalar(select(Shop).where(Shop.shop_id == shop_id))
        lines = db.scalars(select(ShopOrder).where(ShopOrder.shop_pk == shop.id)
                           .options(selectinload(ShopOrder.lines))).all()
        others = db.scalars(select(ShopOrder).where(ShopOrder.shop_pk != shop.id)
                            .options(selectinload(ShopOrder.lines))).all()
        names = {line.name for so in lines for line in so.lines}
        other_names = {line.name for so in others for line in so.lines} - names
        assert names and other_names
        page = signed_in.get(f"/dashboard/print/packing/{shop.id}/{closed_day}").get_data(as_text=True)
        text = pdf_text(signed_in.get(f"/dashboard/print/packing/{shop.id}/{closed_day}/pdf"))
        for shown in (page, text):
            assert all(name in shown for name in names), shop_id
            assert not any(name in shown for name in other_names), shop_id
        assert page.count('<tr class="line">') == sum(len(so.lines) for so in lines)
        assert "Opgehaald door" in page
        assert all(f"bestelling {so.order.number}" in page for so in lines)


def test_a_packing_list_before_the_rounds_are_planned_lists_the_bags_without_a_rider(signed_in, phone, work, db):
    day = order_day(phone, work, db)
    baker = db.scalar(select(Shop).where(Shop.shop_id == "korenschoof"))
    page = signed_in.get(f"/dashboard/print/packing/{baker.id}/{day}").get_data(as_text=True)
    assert "Nog geen bezorger" in page and "Krentenbol" in page and "Rundergehakt" not in page
    rounds_page = signed_in.get(f"/dashboard/rounds/?date={day}").get_data(as_text=True)
    assert f"/dashboard/print/packing/{baker.id}/{day}" in rounds_page


def test_another_villages_lists_are_not_shown(signed_in, closed_day, db, giethoorn):
    kaasboer = db.scalar(select(Shop).where(Shop.shop_id == "kaasboer"))
    assert signed_in.get(f"/dashboard/print/packing/{kaasboer.id}/{closed_day}").status_code == 404
    other = signed_in.application.test_client()
    assert other.get(f"/dashboard/print/round/{rounds(db)[0].id}").status_code == 302, "strangers sign in first"
    assert signed_in.get("/dashboard/print/round/999999/pdf").status_code == 404


def test_the_lists_speak_the_villages_language(signed_in, closed_day, db):
    db.scalar(select(Village)).language = "en"
    db.commit()
    delivery_round = rounds(db)[0]
    page = signed_in.get(f"/dashboard/print/round/{delivery_round.id}").get_data(as_text=True)
    assert f"Round of {delivery_round.volunteer.name}" in page and 'lang="en"' in page and "Download PDF" in page
    baker = db.scalar(select(Shop).where(Shop.shop_id == "korenschoof"))
    packing = signed_in.get(f"/dashboard/print/packing/{baker.id}/{closed_day}").get_data(as_text=True)
    assert "Packing list Bakkerij De Korenschoof" in packing and "Collected by" in packing


def test_a_worker_makes_the_pdf_while_the_page_is_open_and_a_changed_list_gets_a_new_one(
        signed_in, closed_day, db, work, monkeypatch):
    import weasyprint
    baker = db.scalar(select(Shop).where(Shop.shop_id == "korenschoof"))
    packing = f"/dashboard/print/packing/{baker.id}/{closed_day}"
    signed_in.get(packing)
    work()  # the worker makes the PDF of the page just opened
    made = []
    real = weasyprint.HTML.write_pdf
    monkeypatch.setattr(weasyprint.HTML, "write_pdf", lambda self, **kw: made.append(1) or real(self, **kw))
    assert "Krentenbol" in pdf_text(signed_in.get(packing + "/pdf"))
    assert made == [], "the PDF the worker made is handed out, not made again"

    db.scalar(select(Resident).where(Resident.phone == TRUUS)).name = "Truus Lamberts-Visser"
    db.commit()
    assert "Lamberts-Visser" in pdf_text(signed_in.get(packing + "/pdf")), "a changed list is printed anew"
    assert made == [1]
