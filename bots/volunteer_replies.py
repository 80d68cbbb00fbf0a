"""What volunteers text: `BEZORGD 123`, `NIET THUIS 123`, `BESCHIKBAAR DI`, `NIET BESCHIKBAAR DI`.

`BEZORGD 123` means the amount the round asked for was collected; `BEZORGD 123 20,00` (or
`BEZORGD 123 CONTANT 20,00`) reports another amount. A volunteer reports only on orders in
their own round; anything else gets a clear reply and changes nothing.
"""
from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

from dorpslijn.messages import Inbound, Outgoing
from orders import availability, door_reports, notices
from orders.calendar import weekday_in
from orders.keywords import fold
from orders.models import Village, Volunteer

# An order number has at most nine digits, so it fits the database and a long run of digits is none.
DELIVERED = re.compile(r"\b(?:bezorgd|afgeleverd|delivered)\b\W*+(\d{3,9})\b(.*)")
NOT_HOME = re.compile(r"\b(?:niet thuis|niemand thuis|not home|nobody home)\b\W*+(\d{3,9})\b")
AVAILABLE = re.compile(r"\b(niet |not )?(?:beschikbaar|available)\b(.*)")
# The second digits start where no digit stands before them, so a long run of digits is read once.
AMOUNT = re.compile(r"(?:(?:€|eur|euro|contant|cash|pin|card)\s*(\d+(?:[.,]\d{1,2})?))|((?<!\d)\d+[.,]\d{2})")


def handle(session, volunteer: Volunteer, inbound: Inbound, now: datetime) -> list[Outgoing]:
    """Answer a volunteer's message."""
    reply = notices.Address(inbound.channel, inbound.sender)
    village = session.get(Village, volunteer.village_id)
    language = village.language
    text = fold(inbound.text)
    if match := NOT_HOME.search(text):
        found = door_reports.find(session, volunteer, int(match.group(1)))
        if found.stop is None:
            return [notices.message(reply, found.problem, language, number=match.group(1))]
        return [notices.message(reply, "volunteer_not_home_noted", language, order=found.stop.order),
                *door_reports.not_home(session, found.stop, now)]
    if match := DELIVERED.search(text):
        return _delivered(session, volunteer, int(match.group(1)), _amount(match.group(2)), reply, language, now)
    if match := AVAILABLE.search(text):
        return [_availability(session, village, volunteer, not match.group(1), match.group(2), reply, now)]
    return [notices.message(reply, "volunteer_help", language)]


def _delivered(session, volunteer, number, collected, reply, language, now) -> list[Outgoing]:
    found = door_reports.find(session, volunteer, number)
    if found.stop is None:
        return [notices.message(reply, found.problem, language, number=number)]
    if found.stop.outcome == "delivered":
        return [notices.message(reply, "volunteer_already_delivered", language, order=found.stop.order)]
    messages = door_reports.delivered(session, found.stop, collected, now)
    return [notices.message(reply, "volunteer_delivered", language, order=found.stop.order,
                            collected_cents=found.stop.collected_cents), *messages]


def _amount(text: str) -> int | None:
    """Cents from `20,00`, `€ 20`, `contant 24,50`; None when no amount was given."""
    match = AMOUNT.search(text)
    if match is None:
        return None
    value = (match.group(1) or match.group(2)).replace(",", ".")
    return int(Decimal(value) * 100)


def _availability(session, village, volunteer, available: bool, words: str, reply, now) -> Outgoing:
    language = village.language
    weekday = weekday_in(words)
    day = availability.next_day_on(session, village, weekday, now)
    if day is None:
        return notices.message(reply, "volunteer_no_such_day", language)
    availability.set_available(session, volunteer, day, available)
    return notices.message(reply, "volunteer_availability", language, day=day, available=available)
