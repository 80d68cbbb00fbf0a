"""How much we send: a cap per number an hour, and a budget per village a day.

Counted from the outbox, so every channel and every kind of message counts (answers, orders
to shops, rounds, reminders, calls): a number's last hour in its rows, a village's day in a
Redis counter that is counted from the rows again when Redis does not have it. A message past a cap is kept as a row with status
"held", never sent, and the coordinator gets a task once while it is open; each message held
after it is counted on that task.

- A resident's number (or one we do not know): `sends_per_number_hour`. A conversation that
  orders, asks and changes its mind takes a dozen; more is a loop the inbound checks missed.
- A shop's, a volunteer's and the coordinator's number: that, plus WORK_PER_RESIDENT per
  resident of the village. A shop gets at most an order and an answer per resident in an hour,
  so its busiest hour before a cut-off is never cut short.
- A village a day (from midnight): `sends_per_village_day`, or when that is 0, PER_PERSON_A_DAY
  per resident, shop and volunteer it knows and at least LEAST_A_DAY. A delivery day costs
  about ten per ordering resident. The coordinator's phone is left out of the budget, so that
  they hear when it is reached.
"""
from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from functools import cached_property

from sqlalchemy import func, select

from dorpslijn.messages import Outgoing
from dorpslijn.redis_server import connect
from messaging.models import OutboundMessage
from orders import tasks
from orders.calendar import TIMEZONE
from orders.models import Resident, Shop, Village, Volunteer

logger = logging.getLogger(__name__)

HOUR = timedelta(hours=1)
WORK_PER_RESIDENT = 2
PER_PERSON_A_DAY = 20
LEAST_A_DAY = 1000
HELD = "held"


def hold_back(session, village: Village, rows: list[OutboundMessage], settings, now: datetime) -> list[Outgoing]:
    """Mark the new rows that go past a cap as held; what to tell the coordinator about it."""
    if not rows:
        return []
    caps = _Caps(session, village, settings)
    this_hour = _per_address(session, now - HOUR, {row.to for row in rows})
    day = _Day(session, connect(settings), village.id, now)
    today = sent_today = day.sent()
    notices: list[Outgoing] = []
    for row in rows:
        sent = this_hour.get(row.to, 0)
        if sent >= caps.base and sent >= caps.for_number(row.to):
            notices += _hold(session, village, row, "number_hour", caps.for_number(row.to))
        elif row.to != village.coordinator_phone and caps.village_day_reached(today):
            notices += _hold(session, village, row, "village_day", caps.village_day)
        else:
            this_hour[row.to] = sent + 1
            today += 1
    day.add(today - sent_today)
    return notices


def _made_since(since: datetime):
    """The condition: a message made since then, and not held."""
    return OutboundMessage.created_at >= since, OutboundMessage.status != HELD


def _per_address(session, since: datetime, addresses: set[str]) -> dict[str, int]:
    """How many messages each address got since then (from any village: it is one phone)."""
    return dict(session.execute(select(OutboundMessage.to, func.count()).where(
        OutboundMessage.to.in_(addresses), *_made_since(since)).group_by(OutboundMessage.to)).all())


class _Day:
    """How many messages a village sent today: a Redis counter, counted from the outbox when
    Redis does not have it (the first message of the day, or Redis restarted empty)."""

    def __init__(self, session, redis, village_id: int, now: datetime):
        self.session, self.redis, self.village_id = session, redis, village_id
        self.midnight = datetime.combine(now.astimezone(TIMEZONE).date(), time(), TIMEZONE)
        self.key = f"dorpslijn:outbox:day:{village_id}:{self.midnight.date().isoformat()}"

    def sent(self) -> int:
        """The count so far."""
        counted = self.redis.get(self.key)
        if counted is not None:
            return int(counted)
        counted = self.session.scalar(select(func.count()).select_from(OutboundMessage)
                                      .where(OutboundMessage.village_id == self.village_id, *_made_since(self.midnight)))
        self.redis.set(self.key, counted, nx=True, ex=2 * 24 * 3600)
        return counted

    def add(self, sent: int) -> None:
        """Count messages just queued."""
        if sent:
            self.redis.incrby(self.key, sent)


class _Caps:
    """The caps of one village, each looked up only when a count comes near it."""

    def __init__(self, session, village: Village, settings):
        self.session, self.village, self.settings = session, village, settings
        self.base = settings.sends_per_number_hour

    def for_number(self, to: str) -> int:
        """How many messages this number may get an hour."""
        return self.base + WORK_PER_RESIDENT * self.residents if to in self.work_numbers else self.base

    def village_day_reached(self, sent_today: int) -> bool:
        """Whether the village has sent all it may today (people are counted only near the least budget)."""
        return sent_today >= (self.settings.sends_per_village_day or LEAST_A_DAY) and sent_today >= self.village_day

    @cached_property
    def village_day(self) -> int:
        """How many messages the village may send a day."""
        if self.settings.sends_per_village_day:
            return self.settings.sends_per_village_day
        people = self.residents + sum(self._count(model) for model in (Shop, Volunteer))
        return max(LEAST_A_DAY, PER_PERSON_A_DAY * people)

    @cached_property
    def residents(self) -> int:
        """How many residents the village has."""
        return self._count(Resident)

    @cached_property
    def work_numbers(self) -> set[str]:
        """The numbers and chats of the village's shops and volunteers, and the coordinator's phone."""
        numbers = {self.village.coordinator_phone}
        for model in (Shop, Volunteer):
            for phone, chat in self.session.execute(select(model.phone, model.telegram_chat_id)
                                                    .where(model.village_id == self.village.id)):
                numbers |= {phone, chat}
        return numbers - {None, ""}

    def _count(self, model) -> int:
        return self.session.scalar(select(func.count()).select_from(model).where(model.village_id == self.village.id))


def _hold(session, village: Village, row: OutboundMessage, reason: str, cap: int) -> list[Outgoing]:
    """Keep the row unsent, and tell the coordinator (once while their task is open)."""
    row.status, row.extra = HELD, {**(row.extra or {}), "held": reason}
    logger.info("an outbox message of village %s held back: %s", village.id, reason)
    if reason == "village_day":
        return tasks.ask_counting(session, village, "budget_reached", "coordinator_budget_reached", count=cap)
    return tasks.ask_counting(session, village, "sending_capped", "coordinator_sending_capped", phone=row.to,
                              text_coordinator=row.to != village.coordinator_phone, count=cap)
