"""Orders as plain rows (`dorpslijn orders --json`)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from orders.models import Order, ShopOrder


def order_rows(session):
    """Every order a resident confirmed, with its shop orders and lines; euros as numbers."""
    orders = session.scalars(
        select(Order).where(Order.status != "draft").order_by(Order.id)
        .options(selectinload(Order.resident),
                 selectinload(Order.shop_orders).selectinload(ShopOrder.lines),
                 selectinload(Order.shop_orders).selectinload(ShopOrder.shop)))
    for order in orders:
        yield {
            "id": order.id, "number": order.number, "customer_phone": _customer_phone(order.resident),
            "status": order.status, "delivery_date": order.delivery_date.isoformat(),
            "total": order.total_cents / 100,
            "shop_orders": [
                {"shop_id": so.shop.shop_id, "status": so.status,
                 "items": [{"sku": line.sku, "quantity": _number(line.quantity),
                            "price": line.price_cents / 100} for line in so.lines]}
                for so in order.shop_orders],
        }


def _customer_phone(resident) -> str:
    """The customer's number; none once the customer was erased (their order stays for the books)."""
    return "" if resident.erased_at else resident.phone


def _number(quantity):
    """A whole quantity as an int, a weight as a float."""
    return int(quantity) if quantity == int(quantity) else float(quantity)
