"""Orders: a basket read back to the resident (a draft), confirmed into shop orders."""
from __future__ import annotations

import logging
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import select, update

from orders.calendar import TIMEZONE, DeliveryDay, delivery_day_for, delivery_weekdays, next_delivery_day
from orders.catalogue_cache import catalogue_changed, offered
from orders.deliveries import RoundDay
from orders.models import Order, OrderLine, Product, Resident, ShopOrder, Village

logger = logging.getLogger(__name__)

OPEN = ("confirmed",)
STAFF = "staff"  # the channel of an order a coordinator took on the phone


def set_off_today(session, product: Product, now: datetime, off: bool) -> None:
    """A shop's "vandaag niet": the product cannot be ordered for the rest of today, or again can."""
    product.unavailable_on = now.astimezone(TIMEZONE).date() if off else None
    catalogue_changed(session, product.village_id)
    logger.info("product %s %s today", product.sku, "off" if off else "on")


def off_today(product: Product, now: datetime) -> bool:
    """Whether the product's shop has it off today."""
    return product.unavailable_on == now.astimezone(TIMEZONE).date()


def draft(session, resident: Resident, lines, now: datetime, channel: str, placed_by: str = "") -> Order:
    """A new draft for the resident from (sku, quantity) pairs, replacing an older draft."""
    discard_drafts(session, resident)
    village = resident.village
    order = Order(village_id=village.id, resident=resident, status="draft", channel=channel,
                  delivery_date=next_open_day(session, village, now).date, placed_by=placed_by)
    session.add(order)
    set_lines(session, order, lines)
    return order


def set_lines(session, order: Order, lines) -> None:
    """Replace the order's lines by (sku, quantity) pairs, grouped by shop, at today's prices."""
    order.shop_orders.clear()
    session.flush()
    products = {p.sku: p for p in session.scalars(
        select(Product).where(Product.village_id == order.village_id, Product.active.is_(True),
                              Product.sku.in_([sku for sku, _ in lines])))}
    by_shop: dict[int, ShopOrder] = {}
    for sku, quantity in lines:
        product = products.get(sku)
        if product is None:
            continue
        shop_order = by_shop.get(product.shop_pk)
        if shop_order is None:
            shop_order = by_shop[product.shop_pk] = ShopOrder(shop_pk=product.shop_pk, shop=product.shop)
            order.shop_orders.append(shop_order)
        shop_order.lines.append(OrderLine(product_id=product.id, sku=product.sku, name=product.name,
                                          unit=product.unit, quantity=Decimal(str(quantity)),
                                          price_cents=product.price_cents))
    session.flush()


def discard_drafts(session, resident: Resident) -> None:
    """Forget the resident's baskets that were never confirmed."""
    for order in session.scalars(select(Order).where(Order.resident_id == resident.id, Order.status == "draft")):
        session.delete(order)
    session.flush()


def open_draft(session, resident: Resident) -> Order | None:
    """The basket being read back to the resident, if any."""
    return session.scalar(select(Order).where(Order.resident_id == resident.id, Order.status == "draft")
                          .order_by(Order.id.desc()))


def confirm(session, order: Order, now: datetime) -> Order:
    """Make a draft an order: it gets the village's next order number."""
    order.number = _next_number(session, order.village_id)
    order.status = "confirmed"
    order.confirmed_at = now
    session.flush()
    logger.info("order %s confirmed", order.number)
    return order


def _next_number(session, village_id: int) -> int:
    """The village's next order number, taken atomically so two workers never share one."""
    taken = session.execute(
        update(Village).where(Village.id == village_id)
        .values(next_order_number=Village.next_order_number + 1)
        .returning(Village.next_order_number)).scalar_one()
    return taken - 1


def placed_order(session, village_id: int, number: int) -> Order | None:
    """The village's order with this number, once it has been placed (a draft has no number to name)."""
    order = session.scalar(select(Order).where(Order.village_id == village_id, Order.number == number))
    return None if order is None or order.status == "draft" else order


def open_orders(session, resident: Resident, today: date) -> list[Order]:
    """The resident's confirmed orders still to be delivered, soonest first."""
    return list(session.scalars(
        select(Order).where(Order.resident_id == resident.id, Order.status.in_(OPEN),
                            Order.delivery_date >= today).order_by(Order.delivery_date, Order.id)))


def last_order(session, resident: Resident) -> Order | None:
    """The resident's latest order that was not cancelled (drafts are no orders)."""
    return session.scalar(
        select(Order).where(Order.resident_id == resident.id, Order.status.in_(("confirmed", "delivered")))
        .order_by(Order.confirmed_at.desc(), Order.id.desc()).limit(1))


def repeat_lines(session, order: Order, now: datetime | None = None) -> tuple[list[tuple[str, Decimal]], list[str]]:
    """An order's (sku, quantity) pairs that are still sold (and not off today, with `now`), and
    the names of those that are not."""
    today = now.astimezone(TIMEZONE).date() if now else None
    sold = set(session.scalars(select(Product.sku).where(
        Product.village_id == order.village_id, offered(today),
        Product.sku.in_([line.sku for line in order.lines]))))
    lines = [(line.sku, line.quantity) for line in order.lines if line.sku in sold]
    dropped = [line.name for line in order.lines if line.sku not in sold]
    return lines, dropped


def cancel(session, order: Order) -> None:
    """Cancel a confirmed order, with every shop's part of it."""
    order.status = "cancelled"
    for shop_order in order.shop_orders:
        shop_order.status = "cancelled"
    session.flush()
    logger.info("order %s cancelled", order.number)


def cutoff_passed(village: Village, delivery_date: date, now: datetime) -> bool:
    """Whether the delivery day's cut-off has passed."""
    return delivery_day_for(village, delivery_date).cutoff <= now


def day_closed(session, village: Village, delivery_date: date, now: datetime) -> bool:
    """Whether ordering and cancelling for this day have closed: its cut-off passed, or its
    rounds were closed early (`dorpslijn rounds close`)."""
    return cutoff_passed(village, delivery_date, now) or _rounds_closed(session, village, delivery_date)


def next_open_day(session, village: Village, now: datetime) -> DeliveryDay:
    """The first delivery day still taking orders now."""
    day = next_delivery_day(village, now)
    while _rounds_closed(session, village, day.date):
        day = next_delivery_day(village, day.cutoff)
    return day


def _rounds_closed(session, village: Village, delivery_date: date) -> bool:
    return session.scalar(select(RoundDay.closed_at).where(
        RoundDay.village_id == village.id, RoundDay.date == delivery_date)) is not None


def missed_day(village: Village, now: datetime) -> DeliveryDay | None:
    """A delivery day after today that an order made now is too late for, if any."""
    upcoming = next_delivery_day(village, now)
    today = now.astimezone(TIMEZONE).date()
    days = delivery_weekdays(village)
    for offset in range(1, (upcoming.date - today).days):
        candidate = today + timedelta(days=offset)
        if candidate.weekday() in days:
            return delivery_day_for(village, candidate)
    return None
