"""The figures a village's board asks for: orders per week, residents served, new and lapsed
residents, euros per shop that stayed in the village, and the share of each channel.

Each figure is a table: its column names and rows of plain values, ready for a chart and for
CSV. An order counts once it is confirmed (a basket still being read back is none) and until it
is cancelled; weeks are ISO weeks of the delivery day. Turnover is what `dorpslijn money
turnover` counts: delivered orders only.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from sqlalchemy import select

from orders.money import turnover_rows
from orders.models import Order

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


@lru_cache(maxsize=1024)
def week_of(day: date) -> str:
    """The ISO week of a day as `2026-W49`."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


NAMES = ("orders", "residents", "new_lapsed", "shops", "channels")


def figures(session, village_id: int, today: date, names=NAMES) -> dict[str, Figure]:
    """The figures of one village by name: every one, or those of `names` (unknown names are left out)."""
    orders = _counted(session, village_id) if set(names) - {"shops"} else []
    made = {"orders": lambda: orders_per_week(orders), "residents": lambda: residents_served(orders),
            "new_lapsed": lambda: new_and_lapsed(orders, today), "shops": lambda: euros_per_shop(session, village_id),
            "channels": lambda: channel_share(orders)}
    return {name: made[name]() for name in names if name in made}


def _counted(session, village_id: int) -> list:
    """(resident_id, delivery_date, channel) of every order that counts, by delivery day."""
    return session.execute(select(Order.resident_id, Order.delivery_date, Order.channel).where(
        Order.village_id == village_id, Order.status.in_(COUNTED)).order_by(Order.delivery_date)).all()


def orders_per_week(orders) -> Figure:
    """How many orders were delivered (or are to be) in each week."""
    counts: dict[str, int] = {}
    for order in orders:
        counts[week_of(order.delivery_date)] = counts.get(week_of(order.delivery_date), 0) + 1
    return Figure("orders", ("week", "orders"), [{"week": w, "orders": n} for w, n in sorted(counts.items())],
                  "week", "orders")


def residents_served(orders) -> Figure:
    """How many different residents got their shopping in each week."""
    served: dict[str, set] = {}
    for order in orders:
        served.setdefault(week_of(order.delivery_date), set()).add(order.resident_id)
    return Figure("residents", ("week", "residents"),
                  [{"week": w, "residents": len(who)} for w, who in sorted(served.items())], "week", "residents")


def new_and_lapsed(orders, today: date) -> Figure:
    """Per week: residents who ordered for the first time, and residents whose last order was
    four weeks before (counted in the week they lapsed, once it has come)."""
    first: dict[int, date] = {}
    last: dict[int, date] = {}
    for order in orders:
        first.setdefault(order.resident_id, order.delivery_date)
        last[order.resident_id] = order.delivery_date
    weeks: dict[str, list[int]] = {}
    for day in first.values():
        weeks.setdefault(week_of(day), [0, 0])[0] += 1
    for day in last.values():
        if day + LAPSED_AFTER <= today:
            weeks.setdefault(week_of(day + LAPSED_AFTER), [0, 0])[1] += 1
    return Figure("new_lapsed", ("week", "new", "lapsed"),
                  [{"week": w, "new": n, "lapsed": gone} for w, (n, gone) in sorted(weeks.items())], "week", "new")


def euros_per_shop(session, village_id: int) -> Figure:
    """Per week and shop the turnover of delivered orders, as `dorpslijn money turnover` has it."""
    rows = [{k: v for k, v in row.items() if k != "village"} for row in turnover_rows(session, village_id)]
    return Figure("shops", ("week", "shop_id", "shop", "orders", "turnover"), rows, "shop", "turnover")


def channel_share(orders) -> Figure:
    """How many orders came by each channel, and their share in percent."""
    counts = {channel: 0 for channel in CHANNELS}
    for order in orders:
        counts[order.channel] = counts.get(order.channel, 0) + 1
    total = sum(counts.values()) or 1
    return Figure("channels", ("channel", "orders", "share"),
                  [{"channel": c, "orders": n, "share": round(100 * n / total)} for c, n in counts.items()],
                  "channel", "orders")
