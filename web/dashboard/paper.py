"""Lists on paper: a rider's round and a shop's packing list for a delivery day, each as a page to
print from the browser and as a PDF made by WeasyPrint from the same page (worker/paper.py: made
by a worker while the page is open, and kept until the list changes)."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, Response, abort, render_template, request, url_for
from sqlalchemy import select

from orders.deliveries import DeliveryRound
from orders.models import Shop, Village
from orders.rounds import bags, round_stops
from orders.shop_orders import planned_pickups
from web.context import db, redis
from web.dashboard.auth import own, village_id
from web.dashboard.rounds import WITH_STOPS
from worker.paper import make_later, pdf_of

bp = Blueprint("paper", __name__, url_prefix="/print")


@bp.get("/round/<int:round_id>")
@bp.get("/round/<int:round_id>/pdf", endpoint="round_pdf")
def round_list(round_id: int):
    """A rider's round: the pick-ups, then the doors in riding order, with a box to tick per stop."""
    delivery_round = db().scalar(
        select(DeliveryRound).where(DeliveryRound.id == round_id, DeliveryRound.village_id == village_id())
        .options(*WITH_STOPS))
    if delivery_round is None:
        abort(404)
    return _page("dashboard/print/round.html", f"ronde-{delivery_round.date}-{delivery_round.volunteer.name}",
                 delivery_round=delivery_round, stops=round_stops(delivery_round),
                 pdf_url=url_for(".round_pdf", round_id=round_id))


@bp.get("/packing/<int:shop_pk>/<day>")
@bp.get("/packing/<int:shop_pk>/<day>/pdf", endpoint="packing_pdf")
def packing_list(shop_pk: int, day: str):
    """A shop's packing list for a day: per pick-up, one bag per order with its lines to tick."""
    shop = own(Shop, shop_pk)
    try:
        day_date = date.fromisoformat(day)
    except ValueError:
        abort(404)
    return _page("dashboard/print/packing.html", f"paklijst-{day_date}-{shop.shop_id}", shop=shop, day=day_date,
                 pickups=planned_pickups(db(), shop, day_date), pdf_url=url_for(".packing_pdf", shop_pk=shop_pk, day=day))


def _page(template: str, name: str, **values):
    """The page (its PDF made meanwhile), or the PDF of it for the `_pdf` addresses."""
    village = db().get(Village, village_id())
    html = render_template(template, village=village, language=village.language, bags_at_door=bags, **values)
    if not request.endpoint.endswith("_pdf"):
        make_later(redis(), html)
        return html
    pdf = pdf_of(redis(), html)
    filename = "".join(c if c.isalnum() or c in "-." else "-" for c in name.lower()) + ".pdf"
    return Response(pdf, mimetype="application/pdf", headers={"Content-Disposition": f'inline; filename="{filename}"'})

