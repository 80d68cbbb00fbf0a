"""A resident's usual product: when a word they say covers several products ("brood"), the one
they kept taking answers the question before it is asked.

Only the conversation asks this (text and voice, where they build the basket), and the read-back
says which lines it chose, so that the resident can still say no. `dorpslijn parse` knows no
residents and never does.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from orders.models import Order, OrderLine, Resident, ShopOrder
from orders.understanding import Item, Unclear, Understanding

RECENT = 3  # of the resident's last three orders that held one of the products ...
TIMES = 2   # ... the same product in at least two of them is their usual one
PLACED = ("confirmed", "delivered")


@dataclass
class Choices:
    """A message's items, with the resident's usual products added; what is still to be asked."""

    items: list[Item] = field(default_factory=list)
    unclear: list[Unclear] = field(default_factory=list)
    usual: list[str] = field(default_factory=list)


def first_choices(session, resident: Resident, understood: Understanding) -> Choices:
    """Each word that covers several products becomes the one this resident usually takes, if they have one."""
    choices = Choices(items=list(understood.items))
    for question in understood.unclear:
        line = usual_line(session, resident, question.candidates) if question.reason == "ambiguous" else None
        if line is None:
            choices.unclear.append(question)
            continue
        choices.items.append(Item(line.sku, question.quantity or line.quantity, question.text))
        choices.usual.append(line.sku)
    return choices


def usual_line(session, resident: Resident, skus) -> OrderLine | None:
    """The resident's latest line of the product among `skus` that they took in at least
    TIMES of their last RECENT orders holding any of them; None when there is no such one."""
    skus = list(skus)
    holding = select(ShopOrder.order_id).join(OrderLine).where(OrderLine.sku.in_(skus))
    orders = session.scalars(
        select(Order.id).where(Order.resident_id == resident.id, Order.status.in_(PLACED), Order.id.in_(holding))
        .order_by(Order.confirmed_at.desc(), Order.id.desc()).limit(RECENT)).all()
    lines = session.scalars(
        select(OrderLine).join(ShopOrder).where(ShopOrder.order_id.in_(orders), OrderLine.sku.in_(skus))
        .order_by(ShopOrder.order_id.desc(), OrderLine.id)).all() if orders else []
    times = Counter(sku for sku, _ in {(line.sku, line.shop_order.order_id) for line in lines})
    usual = [sku for sku, count in times.items() if count >= TIMES]
    return next(line for line in lines if line.sku == usual[0]) if len(usual) == 1 else None
