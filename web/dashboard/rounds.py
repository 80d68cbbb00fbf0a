"""The day's rounds, read-only: once planned, each volunteer's numbered stops; before that,
what each shop packs for whom and which volunteers ride."""
from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from orders.calendar import delivery_day_for, parse_days
from orders.deliveries import DeliveryRound, RoundDay, RoundStop
from orders.models import Order, Village, Volunteer
from web.context import db
from web.dashboard.auth import village_id
from web.dashboard.order_list import chosen_day, orders_for

bp = Blueprint("rounds", __name__, url_prefix="/rounds")

DELIVERABLE = ("confirmed", "delivered")


@bp.get("/")
def index():
    """A delivery day (`?date=YYYY-MM-DD`, the next one by default): its rounds, or what is ordered so far."""
    day = chosen_day()
    village = db().get(Village, village_id())
    orders = orders_for(day, statuses=DELIVERABLE)
    rounds = planned_rounds(day)
    in_a_round = {stop.order_id for r in rounds for stop in r.stops if stop.order_id is not None}
    closed_at = db().scalar(select(RoundDay.closed_at).where(RoundDay.village_id == village.id, RoundDay.date == day))
    return render_template("dashboard/rounds.html", day=day, rounds=rounds, closed_at=closed_at,
                           cutoff=delivery_day_for(village, day).cutoff,
                           without_round=[o for o in orders if rounds and o.id not in in_a_round],
                           by_shop=[] if rounds else by_shop(orders), volunteers=riders(day))


def planned_rounds(day) -> list[DeliveryRound]:
    """The rounds planned for the day, each with its stops in riding order."""
    return db().scalars(
        select(DeliveryRound).where(DeliveryRound.village_id == village_id(), DeliveryRound.date == day)
        .options(selectinload(DeliveryRound.volunteer),
                 selectinload(DeliveryRound.stops).selectinload(RoundStop.shop),
                 selectinload(DeliveryRound.stops).selectinload(RoundStop.order).selectinload(Order.resident))
        .order_by(DeliveryRound.starts_at, DeliveryRound.id)).all()


def by_shop(orders: list[Order]) -> list[tuple]:
    """Each shop with its part of every order, by shop name."""
    parts: dict = {}
    for order in orders:
        for shop_order in order.shop_orders:
            parts.setdefault(shop_order.shop, []).append(shop_order)
    return sorted(parts.items(), key=lambda item: item[0].name)


def riders(day) -> list[Volunteer]:
    """The volunteers who ride on the day's weekday (no days named: every delivery day)."""
    volunteers = db().scalars(select(Volunteer).where(Volunteer.village_id == village_id()).order_by(Volunteer.name))
    return [v for v in volunteers if not parse_days(v.days) or day.weekday() in parse_days(v.days)]
