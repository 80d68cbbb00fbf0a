"""Bar charts drawn on the server: the geometry of each bar, for an inline SVG (no script, no CDN)."""
from __future__ import annotations

from dataclasses import dataclass

ROW_HEIGHT = 34
LABEL_WIDTH = 300
BAR_WIDTH = 300
MAX_BARS = 26  # half a year of weeks: the newest are drawn, the table holds every row


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    y: int
    width: int


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    bar_width: int = BAR_WIDTH


def bar_chart(rows, label: str, value: str) -> Chart:
    """One horizontal bar per label (values of rows with the same label added up), the newest last."""
    totals: dict[str, float] = {}
    for row in rows:
        totals[str(row[label])] = totals.get(str(row[label]), 0.0) + float(row[value])
    items = list(totals.items())[-MAX_BARS:]
    top = max((v for _, v in items), default=0) or 1
    bars = [Bar(name, amount, i * ROW_HEIGHT, round(BAR_WIDTH * amount / top)) for i, (name, amount) in enumerate(items)]
    return Chart(bars, max(len(bars), 1) * ROW_HEIGHT)
