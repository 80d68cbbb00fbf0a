"""Money: per round what should be collected and what was reported; per week and shop, the
turnover that stayed in the village. Rows of plain values, amounts in euros, for CSV export.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from orders.deliveries import DeliveryRound, RoundStop
from orders.door_reports import to_collect
from orders.models import Order, Shop, ShopOrder, Village

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
    (of one village, or of all)."""
    query = select(ShopOrder).join(Order).where(Order.status == "delivered")
    if village_id is not None:
        query = query.where(Order.village_id == village_id)
    shop_orders = session.scalars(
        query.options(selectinload(ShopOrder.lines), selectinload(ShopOrder.order),
                      selectinload(ShopOrder.shop).selectinload(Shop.village)))
    totals: dict[tuple, list] = {}
    for shop_order in shop_orders:
        year, week, _ = shop_order.order.delivery_date.isocalendar()
        key = (shop_order.shop.village.slug, f"{year}-W{week:02d}", shop_order.shop.shop_id, shop_order.shop.name)
        total = totals.setdefault(key, [0, 0])
        total[0] += 1
        total[1] += shop_order.total_cents
    for (village, week, shop_id, name), (orders, cents) in sorted(totals.items()):
        yield {"village": village, "week": week, "shop_id": shop_id, "shop": name, "orders": orders,
               "turnover": _euros(cents)}


def _euros(cents: int) -> str:
    """Euros with a decimal point, as spreadsheets read CSV."""
    return f"{cents / 100:.2f}"
