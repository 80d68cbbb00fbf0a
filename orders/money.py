"""Money: per round what should be collected and what was reported; per week and shop, the
turnover that stayed in the village. Rows of plain values, amounts in euros, for CSV export.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import case, distinct, func, select
from sqlalchemy.orm import selectinload

from orders.calendar import week_of
from orders.deliveries import DeliveryRound, RoundStop
from orders.door_reports import to_collect
from orders.models import Order, OrderLine, Shop, ShopOrder, Village

ROUND_COLUMNS = ("village", "date", "volunteer", "doors", "delivered", "not_home", "to_collect_cash",
                 "to_collect_card", "collected", "difference")
TURNOVER_COLUMNS = ("village", "week", "shop_id", "shop", "orders", "turnover")


def round_rows(session, day: date | None = None):
    """Per round: what should be collected (cash, card) and what the volunteer reported."""
    query = (select(DeliveryRound, Village.slug).join(Village, DeliveryRound.village_id == Village.id)
             .order_by(DeliveryRound.date, DeliveryRound.id)
             .options(selectinload(DeliveryRound.volunteer),
                      selectinload(DeliveryRound.stops).selectinload(RoundStop.order)
                      .selectinload(Order.resident),
                      selectinload(DeliveryRound.stops).selectinload(RoundStop.order)
                      .selectinload(Order.shop_orders).selectinload(ShopOrder.lines)))
    if day is not None:
        query = query.where(DeliveryRound.date == day)
    for delivery_round, slug in session.execute(query):
        doors = [stop for stop in delivery_round.stops if stop.kind == "delivery"]
        due = {"contant": 0, "pin": 0}
        for stop in doors:
            if stop.order.resident.payment in due and stop.outcome != "not_home":
                due[stop.order.resident.payment] += to_collect(stop.order)
        collected = sum(stop.collected_cents or 0 for stop in doors)
        yield {"village": slug, "date": delivery_round.date.isoformat(),
               "volunteer": delivery_round.volunteer.name, "doors": len(doors),
               "delivered": sum(stop.outcome == "delivered" for stop in doors),
               "not_home": sum(stop.outcome == "not_home" for stop in doors),
               "to_collect_cash": _euros(due["contant"]), "to_collect_card": _euros(due["pin"]),
               "collected": _euros(collected), "difference": _euros(collected - due["contant"] - due["pin"])}


def turnover_rows(session, village_id: int | None = None):
    """Per ISO week and shop: delivered orders and their turnover, what stayed in the village
    (of one village, or of all). Summed by the database per day and shop, each line rounded to
    the cent; shops are named, and days added up to weeks, afterwards (grouping a year of lines
    by the shops' names and by a week worked out per row took it three times as long)."""
    line_cents = case((OrderLine.sold_out.is_(True), 0), else_=func.round(OrderLine.quantity * OrderLine.price_cents))
    query = (select(Order.delivery_date, ShopOrder.shop_pk, func.count(distinct(ShopOrder.id)),
                    func.coalesce(func.sum(line_cents), 0))
             .select_from(ShopOrder).join(Order, ShopOrder.order_id == Order.id)
             .outerjoin(OrderLine, OrderLine.shop_order_id == ShopOrder.id)
             .where(Order.status == "delivered").group_by(Order.delivery_date, ShopOrder.shop_pk))
    shops = select(Shop.id, Village.slug, Shop.shop_id, Shop.name).join(Village, Shop.village_id == Village.id)
    if village_id is not None:
        query = query.where(Order.village_id == village_id)
        shops = shops.where(Shop.village_id == village_id)
    names = {pk: (slug, shop_id, name) for pk, slug, shop_id, name in session.execute(shops)}
    totals: dict[tuple, list] = {}
    for day, shop_pk, orders, cents in session.execute(query):
        slug, shop_id, name = names[shop_pk]
        total = totals.setdefault((slug, week_of(day), shop_id, name), [0, 0])
        total[0] += orders
        total[1] += int(cents)
    for (village, week, shop_id, name), (orders, cents) in sorted(totals.items()):
        yield {"village": village, "week": week, "shop_id": shop_id, "shop": name, "orders": orders,
               "turnover": _euros(cents)}


def _euros(cents: int) -> str:
    """Euros with a decimal point, as spreadsheets read CSV."""
    return f"{cents / 100:.2f}"
