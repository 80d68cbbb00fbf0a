"""A shop's side of an order: its part sent, `OK` and `OP` answered, reminders, packing lists.

A shop gets its part of each order at once on confirmation, or, when its `order_list` is
`at_cutoff`, all of them in the packing list at the cut-off. A shop that has not answered
`REMIND_BEFORE` the cut-off gets one reminder; `ALERT_BEFORE` the cut-off the coordinator is
alerted. Sold-out lines stay on the order, marked, so the total drops and the history shows
what happened; the resident is offered the closest product of the same shop.
"""
from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dorpslijn.messages import Outgoing
from orders import notices, ordering, tasks
from orders.calendar import TIMEZONE
from orders.deliveries import DeliveryRound, RoundStop, ShopDay
from orders.models import Order, OrderLine, Product, Shop, ShopOrder, Village
from orders.ordering import placed_order
from orders.understanding.lexicon import lexicon
from orders.understanding.text import plain

logger = logging.getLogger(__name__)

REMIND_BEFORE = timedelta(hours=3)
ALERT_BEFORE = timedelta(hours=1)
WAITING = "sent"
ON_THE_WAY = ("confirmed", "delivered")
MATCH_SCORE = 70
MAX_PRICE_GAP = 0.5
SPLIT_WORDS = re.compile(r",|;|/|\+|&|\n|\ben\b|\band\b|\book\b")
MEASURE_WORDS = "|".join(re.escape(word) for word, unit in lexicon().units.items()
                         if unit.kind in ("mass", "volume", "count"))  # pond, liter, stuks, x, ...
MEASURES = re.compile(rf"\d+([.,]\d+)?|\b({MEASURE_WORDS})\b")


def on_confirmation(session, order: Order, now: datetime) -> list[Outgoing]:
    """Each shop that takes orders at once gets its part of a just confirmed order."""
    messages = []
    for shop_order in order.shop_orders:
        if shop_order.shop.order_list == "at_once":
            messages.append(_send_part(shop_order, now))
    return messages


def _send_part(shop_order: ShopOrder, now: datetime) -> Outgoing:
    shop, order = shop_order.shop, shop_order.order
    shop_order.status = WAITING
    shop_order.notified_at = now
    return notices.message(notices.shop(shop), "shop_order", shop.village.language,
                           order=order, shop_order=shop_order)


def cancel(session, order: Order) -> list[Outgoing]:
    """Cancel a confirmed order; each shop that already had its part hears it is off."""
    told = [so for so in order.shop_orders if so.status not in ("new", "cancelled")]
    ordering.cancel(session, order)
    return [notices.message(notices.shop(so.shop), "shop_order_cancelled", so.shop.village.language, order=order)
            for so in told]


@dataclass
class Found:
    """A shop's part of the order a shop named, or the reason it cannot answer for it."""

    shop_order: ShopOrder | None = None
    problem: str = ""


def find(session, shop: Shop, number: int) -> Found:
    """The shop's part of order `number`, when the shop may answer for it."""
    order = placed_order(session, shop.village_id, number)
    if order is None:
        return Found(problem="shop_unknown_order")
    shop_order = next((so for so in order.shop_orders if so.shop_pk == shop.id), None)
    if shop_order is None:
        return Found(problem="shop_not_your_order")
    if order.status != "confirmed":
        return Found(problem="shop_order_closed")
    return Found(shop_order)


def accept(shop_order: ShopOrder, now: datetime) -> None:
    """`OK 123`: the shop will have the order ready."""
    shop_order.status = "accepted"
    shop_order.answered_at = now
    logger.info("shop %s accepted order %s", shop_order.shop.shop_id, shop_order.order.number)


@dataclass
class SoldOut:
    """What `OP 123 <words>` changed: the lines now sold out, and an alternative per line."""

    shop_order: ShopOrder
    lines: list[OrderLine] = field(default_factory=list)
    alternatives: dict[int, Product] = field(default_factory=dict)
    not_matched: list[str] = field(default_factory=list)


def mark_sold_out(session, shop_order: ShopOrder, words: str, now: datetime) -> SoldOut:
    """Mark the lines the words name as sold out; nothing changes when a word matches no line."""
    result = SoldOut(shop_order)
    open_lines = [line for line in shop_order.lines if not line.sold_out]
    if not words.strip():
        result.lines = open_lines if len(open_lines) == 1 else []
        return _apply(session, result, now)
    for part in _parts(words):
        line = _best_line(part, open_lines)
        if line is None:
            result.not_matched.append(part)
        elif line not in result.lines:
            result.lines.append(line)
    if result.not_matched:
        result.lines = []
    return _apply(session, result, now)


def mark_lines_sold_out(session, shop_order: ShopOrder, lines: list[OrderLine], now: datetime) -> SoldOut:
    """`OP 123` for lines the shop points at (the dashboard's button) rather than names."""
    return _apply(session, SoldOut(shop_order, lines=[line for line in lines if not line.sold_out]), now)


def _apply(session, result: SoldOut, now: datetime) -> SoldOut:
    if not result.lines:
        return result
    shop_order = result.shop_order
    for line in result.lines:
        line.sold_out = True
    shop_order.status = "sold_out" if all(line.sold_out for line in shop_order.lines) else "partly"
    shop_order.answered_at = now
    session.flush()
    for line in result.lines:
        alternative = closest_alternative(session, shop_order, line)
        if alternative is not None:
            result.alternatives[line.id] = alternative
    logger.info("shop %s sold out %s of order %s", shop_order.shop.shop_id,
                [line.sku for line in result.lines], shop_order.order.number)
    return result


def _parts(words: str) -> list[str]:
    """The separate things a shop named: `gehakt en 2 slavinken` → gehakt, slavinken."""
    parts = (MEASURES.sub(" ", plain(p)) for p in SPLIT_WORDS.split(words.lower()))
    return [p.strip() for p in parts if len(p.strip()) >= 2]


def _best_line(part: str, lines: list[OrderLine]) -> OrderLine | None:
    """The line the shop's words name best, or None when no line is near enough."""
    def likeness(line: OrderLine) -> tuple[float, float]:
        name = plain(line.name)
        return fuzz.partial_ratio(part, name), fuzz.ratio(part, name)
    best = max(lines, key=likeness, default=None)
    return best if best is not None and likeness(best)[0] >= MATCH_SCORE else None


def closest_alternative(session, shop_order: ShopOrder, line: OrderLine) -> Product | None:
    """The shop's product most like the sold-out one: same unit, a like price, a like name or kind."""
    ordered = session.get(Product, line.product_id)
    gone = _sold_out_today(session, shop_order)
    candidates = session.scalars(select(Product).where(
        Product.shop_pk == shop_order.shop_pk, Product.active.is_(True), Product.unit == line.unit,
        Product.id != line.product_id))
    scored = []
    for product in candidates:
        if product.sku in gone or product.sku in {l.sku for l in shop_order.lines}:
            continue
        same_category = bool(ordered and ordered.category and product.category == ordered.category)
        likeness = _likeness(plain(line.name), plain(product.name))
        price_gap = abs(product.price_cents - line.price_cents) / max(line.price_cents, 1)
        if (same_category or likeness >= 60) and price_gap <= MAX_PRICE_GAP:
            scored.append((same_category, likeness - 20 * price_gap, product))
    best = max(scored, key=lambda s: (s[0], s[1]), default=None)
    return best[2] if best else None


def _likeness(name: str, other: str) -> float:
    """How alike two product names are; a shared head word counts most (rundergehakt, gehakt)."""
    heads = [n.split()[-1][::-1] if n.split() else "" for n in (name, other)]
    shared = len(os.path.commonprefix(heads))
    return fuzz.WRatio(name, other) + (10 * min(shared, 6) if shared >= 4 else 0)


def _sold_out_today(session, shop_order: ShopOrder) -> set[str]:
    """The skus this shop already said are sold out for the same delivery day."""
    return set(session.scalars(
        select(OrderLine.sku).join(ShopOrder).join(Order)
        .where(ShopOrder.shop_pk == shop_order.shop_pk, OrderLine.sold_out.is_(True),
               Order.delivery_date == shop_order.order.delivery_date)))


def take_alternative(session, order: Order, line_id: int, sku: str) -> OrderLine | None:
    """Put the alternative for a sold-out line on the order, in the same quantity."""
    line = session.get(OrderLine, line_id)
    product = session.scalar(select(Product).where(Product.village_id == order.village_id,
                                                   Product.sku == sku, Product.active.is_(True)))
    if order.status != "confirmed" or line is None or product is None or not line.sold_out:
        return None
    shop_order = line.shop_order
    new = OrderLine(product_id=product.id, sku=product.sku, name=product.name, unit=product.unit,
                    quantity=Decimal(line.quantity), price_cents=product.price_cents)
    shop_order.lines.append(new)
    shop_order.status = WAITING
    session.flush()
    logger.info("order %s takes %s instead of %s", order.number, product.sku, line.sku)
    return new


def waiting_by_shop(session, village: Village, day: date) -> dict[Shop, list[ShopOrder]]:
    """The shop orders for a delivery day that their shop has not answered yet, per shop."""
    shop_orders = session.scalars(
        select(ShopOrder).join(Order)
        .where(Order.village_id == village.id, Order.delivery_date == day, Order.status == "confirmed",
               ShopOrder.status == WAITING)
        .order_by(Order.number).options(selectinload(ShopOrder.shop), selectinload(ShopOrder.order)))
    by_shop: dict[Shop, list[ShopOrder]] = {}
    for shop_order in shop_orders:
        by_shop.setdefault(shop_order.shop, []).append(shop_order)
    return by_shop


def remind_shops(session, village: Village, day: date, now: datetime) -> list[Outgoing]:
    """One reminder to each shop that has orders for the day it has not answered."""
    messages = []
    for shop, shop_orders in waiting_by_shop(session, village, day).items():
        shop_day = shop_day_of(session, shop, day)
        if shop_day.reminded_at is None:
            shop_day.reminded_at = now
            messages.append(notices.message(notices.shop(shop), "shop_reminder", village.language,
                                            numbers=[so.order.number for so in shop_orders], day=day))
    return messages


def alert_coordinator(session, village: Village, day: date, now: datetime) -> list[Outgoing]:
    """The coordinator hears of each shop that stayed silent after its reminder, once."""
    messages = []
    for shop, shop_orders in waiting_by_shop(session, village, day).items():
        shop_day = shop_day_of(session, shop, day)
        if shop_day.reminded_at is None or shop_day.coordinator_alerted_at is not None:
            continue
        shop_day.coordinator_alerted_at = now
        numbers = [so.order.number for so in shop_orders]
        messages += tasks.ask_coordinator(session, village, "shop_silent", "coordinator_shop_silent", phone=shop.phone,
                                          about=f"{shop.phone} {day.isoformat()}",
                                          details={"shop_id": shop.shop_id, "orders": numbers, "date": day.isoformat()},
                                          shop=shop, numbers=numbers, day=day)
    return messages


def shop_day_of(session, shop: Shop, day: date) -> ShopDay:
    """The shop's record for a delivery day, made when first needed."""
    shop_day = session.scalar(select(ShopDay).where(ShopDay.shop_pk == shop.id, ShopDay.date == day))
    if shop_day is None:
        shop_day = ShopDay(shop_pk=shop.id, date=day)
        session.add(shop_day)
        session.flush()
    return shop_day


@dataclass
class Pickup:
    """A volunteer collecting a shop's bags at a time, for these orders."""

    at: datetime | None
    volunteer: str
    shop_orders: list[ShopOrder]


def planned_pickups(session, shop: Shop, day: date) -> list[Pickup]:
    """The shop's pick-ups of a delivery day as the stored rounds have them, in time order: who
    collects which of its orders when, each in the order of the doors; orders no round takes last."""
    shop_orders = session.scalars(
        select(ShopOrder).join(Order)
        .where(ShopOrder.shop_pk == shop.id, Order.delivery_date == day, Order.status.in_(ON_THE_WAY))
        .order_by(Order.number)
        .options(selectinload(ShopOrder.lines), selectinload(ShopOrder.order).selectinload(Order.resident))).all()
    doors = {order_id: (round_id, position) for order_id, round_id, position in session.execute(
        select(RoundStop.order_id, RoundStop.round_id, RoundStop.position).join(DeliveryRound)
        .where(RoundStop.kind == "delivery", DeliveryRound.village_id == shop.village_id, DeliveryRound.date == day))}
    stops = session.scalars(
        select(RoundStop).join(DeliveryRound)
        .where(RoundStop.kind == "pickup", RoundStop.shop_pk == shop.id, DeliveryRound.village_id == shop.village_id,
               DeliveryRound.date == day)
        .order_by(RoundStop.eta).options(selectinload(RoundStop.round).selectinload(DeliveryRound.volunteer))).all()
    pickups = {stop.round_id: Pickup(stop.eta.astimezone(TIMEZONE), stop.round.volunteer.name, []) for stop in stops}
    without_round = Pickup(None, "", [])
    for shop_order in sorted(shop_orders, key=lambda so: doors.get(so.order_id, (0, 0))[1]):
        round_id = doors.get(shop_order.order_id, (None, 0))[0]
        pickups.get(round_id, without_round).shop_orders.append(shop_order)
    return [pickup for pickup in [*pickups.values(), without_round] if pickup.shop_orders]


def packing_lists(village: Village, day: date, pickups: dict[Shop, list[Pickup]], now: datetime) -> list[Outgoing]:
    """Each shop's packing list for the round: per pick-up the orders, one bag per resident."""
    messages = []
    for shop, shop_pickups in pickups.items():
        for pickup in shop_pickups:
            for shop_order in pickup.shop_orders:
                if shop_order.status == "new":
                    shop_order.status, shop_order.notified_at = WAITING, now
        messages += notices.messages(notices.shop(shop), "shop_packing_list", village.language,
                                     shop=shop, day=day, pickups=shop_pickups)
    return messages
