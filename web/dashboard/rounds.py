"""The day's rounds: once planned, each volunteer's numbered stops; before that, what each shop
packs for whom and which volunteers ride, and a button that closes the day at once."""
from __future__ import annotations

import logging
from datetime import date, datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from orders.availability import riders_for
from orders.calendar import delivery_day_for
from orders.deliveries import DeliveryRound, RoundDay, RoundStop
from orders.models import Order, ShopOrder, Village, Volunteer
from web.context import db, redis, settings
from web.dashboard.auth import current, village_id
from web.dashboard.editing import record
from web.dashboard.order_list import chosen_day, orders_for
from worker.rounds_jobs import closing, enqueue_close

logger = logging.getLogger(__name__)

bp = Blueprint("rounds", __name__, url_prefix="/rounds")

DELIVERABLE = ("confirmed", "delivered")
WITH_STOPS = (selectinload(DeliveryRound.volunteer),
              selectinload(DeliveryRound.stops).selectinload(RoundStop.shop),
              selectinload(DeliveryRound.stops).selectinload(RoundStop.order).selectinload(Order.resident),
              selectinload(DeliveryRound.stops).selectinload(RoundStop.order).selectinload(Order.shop_orders)
              .selectinload(ShopOrder.lines))


@bp.get("/")
def index():
    """A delivery day (`?date=YYYY-MM-DD`, the next one by default): its rounds, or what is ordered so far."""
    day = chosen_day()
    village = db().get(Village, village_id())
    orders = orders_for(day, statuses=DELIVERABLE)
    rounds = planned_rounds(day)
    in_a_round = {stop.order_id for r in rounds for stop in r.stops if stop.order_id is not None}
    closed_at = closed(day)
    being_closed = closed_at is None and closing(redis(), village_id(), day)
    return render_template("dashboard/rounds.html", day=day, rounds=rounds, closed_at=closed_at,
                           cutoff=delivery_day_for(village, day).cutoff, being_closed=being_closed,
                           can_close=not (closed_at or being_closed) and any(o.status == "confirmed" for o in orders),
                           without_round=[o for o in orders if (rounds or closed_at) and o.id not in in_a_round],
                           by_shop=[] if rounds else by_shop(orders), volunteers=riders(day),
                           shops=sorted({so.shop for o in orders for so in o.shop_orders}, key=lambda shop: shop.name))


@bp.post("/close")
def close():
    """Have the day closed now, as `dorpslijn rounds close` does: orders frozen, rounds planned,
    everyone told. A worker does it; the page shows it is under way until it is done. The ask is
    in the audit trail with how many orders it closes."""
    try:
        day = date.fromisoformat(request.form.get("date", ""))
    except ValueError:
        abort(400)
    if closed(day) is not None:
        flash("day_already_closed")
    elif not (to_close := orders_for(day, statuses=("confirmed",))):
        flash("day_nothing_to_close")
    else:
        record("round_day.close", f"round_day {day.isoformat()}", after={"orders": len(to_close)})
        db().commit()
        enqueue_close(redis(), village_id(), day, settings().now())
        flash("day_closing")
        logger.info("delivery day %s to be closed, asked by %s", day, current().email)
    return redirect(url_for(".index", date=day.isoformat()))


def closed(day: date) -> datetime | None:
    """When ordering for the day was closed, or None while it is open."""
    return db().scalar(select(RoundDay.closed_at).where(RoundDay.village_id == village_id(), RoundDay.date == day))


def planned_rounds(day) -> list[DeliveryRound]:
    """The rounds planned for the day, each with its stops in riding order."""
    return db().scalars(
        select(DeliveryRound).where(DeliveryRound.village_id == village_id(), DeliveryRound.date == day)
        .options(*WITH_STOPS).order_by(DeliveryRound.starts_at, DeliveryRound.id)).all()


def by_shop(orders: list[Order]) -> list[tuple]:
    """Each shop with its part of every order, by shop name."""
    parts: dict = {}
    for order in orders:
        for shop_order in order.shop_orders:
            parts.setdefault(shop_order.shop, []).append(shop_order)
    return sorted(parts.items(), key=lambda item: item[0].name)


def riders(day) -> list[Volunteer]:
    """The volunteers who ride on the day, by name: their days, and their word for that day."""
    return sorted(riders_for(db(), db().get(Village, village_id()), day), key=lambda volunteer: volunteer.name)
