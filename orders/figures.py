"""The figures a village's board asks for: orders per week, residents served, new and lapsed
residents, euros per shop that stayed in the village, and the share of each channel.

Each figure is a table: its column names and rows of plain values, ready for a chart and for
CSV. An order counts once it is confirmed (a basket still being read back is none) and until it
is cancelled, once however many shops it has parts at; weeks are ISO weeks of the delivery day.
The database counts (a year of a village is tens of thousands of orders): each figure is one
query of the orders table alone, answered from one index that holds every column they read
(`ix_orders_counted`), and Python only names the weeks. Turnover is what `dorpslijn
money turnover` counts: delivered orders only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import distinct, func, select

from dorpslijn.db import monday_of
from orders.calendar import week_of
from orders.models import Order
from orders.money import turnover_rows

COUNTED = ("confirmed", "delivered")
CHANNELS = ("sms", "whatsapp", "telegram", "voice", "staff")
LAPSED_AFTER = timedelta(weeks=4)  # a resident who has not ordered for this long has lapsed


@dataclass(frozen=True)
class Figure:
    """One table: its name, its columns, its rows, and which column to draw against which."""

    name: str
    columns: tuple[str, ...]
    rows: list[dict]
    label: str
    value: str


NAMES = ("orders", "residents", "new_lapsed", "shops", "channels")


def figures(session, village_id: int, today: date, names=NAMES) -> dict[str, Figure]:
    """The figures of one village by name: every one, or those of `names` (unknown names are left out)."""
    made = {"orders": orders_per_week, "residents": residents_served, "new_lapsed": new_and_lapsed,
            "shops": euros_per_shop, "channels": channel_share}
    return {name: made[name](session, village_id, today) for name in names if name in made}


def _counted(village_id: int) -> tuple:
    """Which orders count: the village's confirmed and delivered ones."""
    return Order.village_id == village_id, Order.status.in_(COUNTED)


def _per_week(session, village_id: int, count) -> list[tuple[str, int]]:
    """(week, count) of the counted orders, each week that has any, oldest first."""
    week = monday_of(Order.delivery_date)
    rows = session.execute(select(week, count).where(*_counted(village_id)).group_by(week).order_by(week))
    return [(week_of(monday), n) for monday, n in rows]


def orders_per_week(session, village_id: int, today: date) -> Figure:
    """How many orders were delivered (or are to be) in each week."""
    return Figure("orders", ("week", "orders"),
                  [{"week": w, "orders": n} for w, n in _per_week(session, village_id, func.count())],
                  "week", "orders")


def residents_served(session, village_id: int, today: date) -> Figure:
    """How many different residents got their shopping in each week."""
    served = _per_week(session, village_id, func.count(distinct(Order.resident_id)))
    return Figure("residents", ("week", "residents"), [{"week": w, "residents": n} for w, n in served],
                  "week", "residents")


def new_and_lapsed(session, village_id: int, today: date) -> Figure:
    """Per week: residents who ordered for the first time, and residents whose last order was
    four weeks before (counted in the week they lapsed, once it has come)."""
    per_resident = (select(func.min(Order.delivery_date).label("first"), func.max(Order.delivery_date).label("last"))
                    .where(*_counted(village_id)).group_by(Order.resident_id).subquery())
    first, last = per_resident.c.first, per_resident.c.last
    weeks: dict[str, list[int]] = {}
    for day, n in session.execute(select(first, func.count()).group_by(first)):
        weeks.setdefault(week_of(day), [0, 0])[0] += n
    for day, n in session.execute(select(last, func.count()).where(last <= today - LAPSED_AFTER).group_by(last)):
        weeks.setdefault(week_of(day + LAPSED_AFTER), [0, 0])[1] += n
    return Figure("new_lapsed", ("week", "new", "lapsed"),
                  [{"week": w, "new": n, "lapsed": gone} for w, (n, gone) in sorted(weeks.items())], "week", "new")


def euros_per_shop(session, village_id: int, today: date) -> Figure:
    """Per week and shop the turnover of delivered orders, as `dorpslijn money turnover` has it."""
    rows = [{k: v for k, v in row.items() if k != "village"} for row in turnover_rows(session, village_id)]
    return Figure("shops", ("week", "shop_id", "shop", "orders", "turnover"), rows, "shop", "turnover")


def channel_share(session, village_id: int, today: date) -> Figure:
    """How many orders came by each channel, and their share in percent."""
    counts = dict.fromkeys(CHANNELS, 0)
    counts.update(session.execute(select(Order.channel, func.count()).where(*_counted(village_id))
                                  .group_by(Order.channel)).all())
    total = sum(counts.values()) or 1
    return Figure("channels", ("channel", "orders", "share"),
                  [{"channel": c, "orders": n, "share": round(100 * n / total)} for c, n in counts.items()],
                  "channel", "orders")
