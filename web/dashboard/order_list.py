"""Orders by delivery day, with their status; baskets still waiting for JA apart."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, request
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from orders.calendar import next_delivery_day
from orders.models import Order, ShopOrder, Village
from web.context import db, settings
from web.dashboard.auth import village_id

bp = Blueprint("orders", __name__, url_prefix="/orders")

DAYS_LISTED = 12


@bp.get("/")
def index():
    """The orders of one delivery day (`?date=YYYY-MM-DD`, the next one by default)."""
    day = chosen_day()
    orders = orders_for(day, statuses=None)
    days = db().scalars(select(Order.delivery_date).where(Order.village_id == village_id())
                        .distinct().order_by(Order.delivery_date.desc()).limit(DAYS_LISTED)).all()
    return render_template("dashboard/orders.html", day=day, days=sorted(set(days) | {day}),
                           orders=[o for o in orders if o.status != "draft"],
                           drafts=[o for o in orders if o.status == "draft"])


def chosen_day() -> date:
    """The delivery day asked for in `?date=`, or the village's next one."""
    try:
        return date.fromisoformat(request.args.get("date", ""))
    except ValueError:
        return next_delivery_day(db().get(Village, village_id()), settings().now()).date


def orders_for(day: date, statuses) -> list[Order]:
    """The village's orders for a delivery day (only these statuses, unless None), by number."""
    query = (select(Order).where(Order.village_id == village_id(), Order.delivery_date == day)
             .options(selectinload(Order.resident),
                      selectinload(Order.shop_orders).selectinload(ShopOrder.lines),
                      selectinload(Order.shop_orders).selectinload(ShopOrder.shop))
             .order_by(Order.number, Order.id))
    if statuses is not None:
        query = query.where(Order.status.in_(statuses))
    return db().scalars(query).all()
