"""A delivery day on paper: four residents' orders, and reading a round's stops back in order."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from orders.deliveries import DeliveryRound
from orders.models import Order
from tests.support.people import TRUUS

SHOPPING = {TRUUS: "4 krentenbollen en een pond rundergehakt",
            "+31612345602": "2 witte bollen en een ons rookvlees",
            "+31612345603": "een bruin brood heel",
            "+31612345604": "een halve kilo rundergehakt en 2 croissants"}


def in_order(text: str, parts: list[str]) -> bool:
    """Whether every part is in the text, each after the one before."""
    at = 0
    for part in parts:
        at = text.find(part, at)
        if at < 0:
            return False
        at += len(part)
    return True


def order_day(phone, work, db) -> str:
    """Four residents order from the baker and the butcher and confirm; their delivery day."""
    for number, shopping in SHOPPING.items():
        phone(number).text(shopping)
    work()
    for number in SHOPPING:
        phone(number).text("ja")
    work()
    days = set(db.scalars(select(Order.delivery_date).where(Order.status == "confirmed")))
    assert len(days) == 1 and db.scalar(select(Order.id).where(Order.status == "draft")) is None
    return days.pop().isoformat()


def rounds(db) -> list[DeliveryRound]:
    return db.scalars(select(DeliveryRound).options(selectinload(DeliveryRound.stops))).all()


def stop_addresses(delivery_round) -> list[str]:
    return [stop.shop.address if stop.kind == "pickup" else stop.order.resident.address
            for stop in sorted(delivery_round.stops, key=lambda stop: stop.position)]
