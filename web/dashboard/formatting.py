"""How the dashboard shows money, quantities, days and moments: as the coordinator says them."""
from __future__ import annotations

from datetime import datetime

from babel.dates import format_datetime

from dorpslijn.words import amount, day, euro
from orders.calendar import TIMEZONE


def moment(value: datetime | None) -> str:
    """A moment in the village's time: `zaterdag 21 november, 09:12`."""
    if value is None:
        return ""
    return format_datetime(value.astimezone(TIMEZONE), "EEEE d MMMM, HH:mm", locale="nl")


def clock(value: datetime | None) -> str:
    """The time of day in the village: `10:30`."""
    return value.astimezone(TIMEZONE).strftime("%H:%M") if value is not None else ""


def phone(value: str | None) -> str:
    """A Dutch E.164 number as people read it: `06 1234 5601`; other numbers as they are."""
    if value and value.startswith("+316") and len(value) == 12:
        return f"06 {value[4:8]} {value[8:]}"
    return value or ""


def web_address(value: str | None) -> str:
    """The address when it is an http(s) link (a recording, a photo); anything else is dropped."""
    return value if value and value.lower().startswith(("https://", "http://")) else ""


FILTERS = {"euro": euro, "amount": amount, "day": day, "moment": moment, "clock": clock, "phone": phone,
           "web_address": web_address}
