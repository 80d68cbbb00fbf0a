"""Orders made for a test: one Truus texts and confirms, or one put straight in the database for any day."""
from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select

from orders import ordering
from orders.models import Resident
from tests.support.outbox import orders_json
from tests.support.people import TRUUS

MONDAY = datetime(2026, 10, 5, 9, tzinfo=timezone.utc)  # the tests' clock reads 23 November 2026


def confirmed_order(phone, work, capsys) -> dict:
    """Truus orders and confirms; her order as `dorpslijn orders --json` shows it."""
    truus = phone(TRUUS)
    truus.text("4 krentenbollen en een pond rundergehakt")
    truus.text("ja")
    work()
    [order] = orders_json(capsys)
    return order


def place(session, phone, day: date, channel="sms", status="delivered", sku="BAK-KRENTENBOL", quantity=4, items=None):
    """An order of the resident with this phone, for this delivery day (of one product, or of
    several as (sku, quantity)), as it stands afterwards."""
    resident = session.scalar(select(Resident).where(Resident.phone == phone))
    order = ordering.draft(session, resident, items or [(sku, quantity)], MONDAY, channel)
    ordering.confirm(session, order, MONDAY)
    order.delivery_date, order.status = day, status
    for shop_order in order.shop_orders:
        shop_order.status = status
    session.flush()
    return order
