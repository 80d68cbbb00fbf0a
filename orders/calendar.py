"""Delivery days and cut-offs of a village: which day an order made now is delivered."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

TIMEZONE = ZoneInfo("Europe/Amsterdam")
WEEKDAYS = {"ma": 0, "di": 1, "wo": 2, "do": 3, "vr": 4, "za": 5, "zo": 6}
DAY_CODES = tuple(WEEKDAYS)  # the code of weekday number n (Monday 0) is DAY_CODES[n]
DAY_NAMES = {"maandag": 0, "dinsdag": 1, "woensdag": 2, "donderdag": 3, "vrijdag": 4, "zaterdag": 5,
             "zondag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
             "saturday": 5, "sunday": 6}  # written out, in Dutch and English
DAY_WORDS = {**DAY_NAMES, **WEEKDAYS,  # and short: the Dutch codes, woe, don, ..., and tue, wed, ...
             **{name[:3]: day for name, day in DAY_NAMES.items()}}


@dataclass(frozen=True)
class DeliveryDay:
    """A day the village delivers, and the moment ordering for it closes."""

    date: date
    cutoff: datetime


@lru_cache(maxsize=1024)
def week_of(day: date) -> str:
    """The ISO week of a day as `2026-W49`."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def weekday_in(text: str, short: bool = True) -> int | None:
    """The weekday (Monday 0) of the first day a text names: `dinsdag`, `Tuesday`, and unless
    `short` is False `di` or `tue`; None when it names none."""
    days = DAY_WORDS if short else DAY_NAMES
    return next((days[word] for word in re.findall(r"[a-z]+", text.lower()) if word in days), None)


def parse_days(text: str) -> list[int]:
    """Weekday numbers (Monday 0) from a text such as `di,vr`; empty means none."""
    return sorted({day for part in text.split(",") if (day := weekday_in(part)) is not None})


def delivery_weekdays(village) -> list[int]:
    """The weekdays (Monday 0) the village delivers on; none named means every day."""
    return parse_days(village.delivery_days) or list(range(7))


def time_of_day(text: str) -> time | None:
    """A time of day written as people write it: 9:30, 09:30, 10.00 (None when it is none)."""
    try:
        hour, minute = (int(part) for part in text.strip().replace(".", ":").split(":"))
        return time(hour, minute)
    except ValueError:
        return None


def delivery_day_for(village, when: date) -> DeliveryDay:
    """The delivery day on date `when`, with its cut-off."""
    hours, minutes = (int(x) for x in village.cutoff_time.split(":"))
    cutoff_date = when - timedelta(days=village.cutoff_days_before)
    return DeliveryDay(when, datetime.combine(cutoff_date, time(hours, minutes), TIMEZONE))


def next_delivery_day(village, now: datetime) -> DeliveryDay:
    """The first delivery day whose cut-off is still ahead of `now`."""
    days = delivery_weekdays(village)
    local = now.astimezone(TIMEZONE).date()
    for offset in range(0, 15):
        candidate = local + timedelta(days=offset)
        if candidate.weekday() in days:
            delivery = delivery_day_for(village, candidate)
            if delivery.cutoff > now:
                return delivery
    raise ValueError(f"no delivery day for village {village.slug}")
