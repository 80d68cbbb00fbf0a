"""The calls' part of a privacy request (see orders/privacy.py): phone calls and weekly calls.

Erasing keeps each call's row (when it was, what it ordered) without the number, what was
said and what was answered, and ends the weekly call.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update

from dorpslijn.db import json_filled
from ivr.models import VoiceCall
from orders.privacy import Subject
from orders.weekly_calls import WeeklyCall


def export(session, subject: Subject) -> dict:
    """The person's phone calls and weekly call, as JSON-ready data."""
    return {
        "calls": [{"direction": c.direction, "phone": c.phone, "at": _iso(c.created_at),
                   "answered_at": _iso(c.answered_at), "ended_at": _iso(c.ended_at), "outcome": c.outcome,
                   "status": c.status, "said": c.data} for c in _calls(session, subject)],
        "weekly_calls": [{"weekday": w.weekday, "time": w.time, "active": w.active, "since": _iso(w.created_at)}
                         for w in _weekly_calls(session, subject)],
    }


def erase(session, subject: Subject, now: datetime) -> dict:
    """Blank the person's calls and end their weekly call."""
    calls = _calls(session, subject)
    for call in calls:
        call.phone, call.data, call.answer = "", {}, ""
    weekly = _weekly_calls(session, subject)
    for wish in weekly:
        wish.active = False
    return {"calls": len(calls), "weekly_calls_ended": len(weekly)}


def forget_old(session, before: datetime) -> dict:
    """Retention: what was said in calls older than `before` is blanked; when and what it ordered stay."""
    calls = session.execute(update(VoiceCall).where(VoiceCall.created_at < before,
                                                         or_(VoiceCall.answer != "", json_filled(VoiceCall.data)))
                            .values(data={}, answer="")).rowcount
    return {"calls_blanked": calls}


def _calls(session, subject: Subject) -> list[VoiceCall]:
    query = select(VoiceCall).where(or_(VoiceCall.phone == subject.phone,
                                        VoiceCall.resident_id.in_(subject.resident_ids)))
    if subject.village_id:
        query = query.where(VoiceCall.village_id == subject.village_id)
    return list(session.scalars(query.order_by(VoiceCall.id)))


def _weekly_calls(session, subject: Subject) -> list[WeeklyCall]:
    return list(session.scalars(select(WeeklyCall).where(WeeklyCall.resident_id.in_(subject.resident_ids))))


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
