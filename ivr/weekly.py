"""The weekly call: residents who asked for it are called at their weekday and hour.

Who asked, for when, is kept by `orders/weekly_calls.py`.

A call nobody answers is tried once more `RETRY_AFTER` later; when that one is not answered
either, the coordinator is told. The scheduler's tick runs `tick`; placing a call is a job.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import select

from ivr import calls
from ivr.models import VoiceCall
from orders import tasks
from orders.models import Resident, Village
from orders.weekly_calls import WeeklyCall, slot_for

logger = logging.getLogger(__name__)

WINDOW = timedelta(hours=2)          # a slot missed by longer (the scheduler was down) is skipped
RING_TIMEOUT = timedelta(minutes=10)  # no answer and no status after this: not answered
RETRY_AFTER = timedelta(minutes=30)
LAST_ATTEMPT = 2


def due(session, now: datetime) -> tuple[list[int], dict[int, list]]:
    """The calls to place now (ids), and messages to the coordinator per village."""
    messages: dict[int, list] = defaultdict(list)
    planned = [call.id for call in _first_calls(session, now) + _second_calls(session, now)]
    for record in _missed(session, now):
        record.followed_up = True
        village = session.get(Village, record.village_id)
        messages[village.id] += tasks.ask_coordinator(session, village, "missed_call", "voice_coordinator_missed",
                                                      phone=record.phone, resident=record.resident,
                                                      details={"slot": record.slot.isoformat()})
    for village_id, batch in calls.abandoned(session, now):
        messages[village_id] += batch
    return planned, messages


def _first_calls(session, now: datetime) -> list[VoiceCall]:
    rows = session.execute(select(WeeklyCall, Resident).join(Resident, WeeklyCall.resident_id == Resident.id)
                           .where(WeeklyCall.active.is_(True), Resident.opted_out.is_(False))).all()
    return [call for weekly, resident in rows
            if (slot := slot_for(weekly, now)) <= now < slot + WINDOW
            and (call := _plan(session, weekly, resident, slot, 1, now)) is not None]


def _second_calls(session, now: datetime) -> list[VoiceCall]:
    first = session.scalars(select(VoiceCall).where(
        VoiceCall.weekly_call_id.is_not(None), VoiceCall.attempt < LAST_ATTEMPT,
        VoiceCall.answered_at.is_(None), VoiceCall.created_at <= now - RETRY_AFTER,
        VoiceCall.slot > now - timedelta(days=1))).all()
    return [call for record in first if _unanswered(record, now)
            and (call := _plan(session, session.get(WeeklyCall, record.weekly_call_id), record.resident,
                               record.slot, record.attempt + 1, now)) is not None]


def _missed(session, now: datetime) -> list[VoiceCall]:
    last = session.scalars(select(VoiceCall).where(
        VoiceCall.weekly_call_id.is_not(None), VoiceCall.attempt == LAST_ATTEMPT,
        VoiceCall.answered_at.is_(None), VoiceCall.followed_up.is_(False))).all()
    return [record for record in last if _unanswered(record, now)]


def _unanswered(record: VoiceCall, now: datetime) -> bool:
    return record.status in calls.UNANSWERED or record.created_at <= now - RING_TIMEOUT


def _plan(session, weekly: WeeklyCall, resident: Resident, slot: datetime, attempt: int,
          now: datetime) -> VoiceCall | None:
    """A call to place, once per slot and attempt (None when it was planned before)."""
    if session.scalar(select(VoiceCall.id).where(VoiceCall.weekly_call_id == weekly.id, VoiceCall.slot == slot,
                                                 VoiceCall.attempt == attempt)) is not None:
        return None
    record = VoiceCall(village_id=resident.village_id, phone=resident.phone, resident_id=resident.id,
                       direction="outbound", weekly_call_id=weekly.id, slot=slot, attempt=attempt, data={},
                       created_at=now)
    session.add(record)
    session.flush()
    logger.info("weekly call to resident %s planned (attempt %s)", resident.id, attempt)
    return record
