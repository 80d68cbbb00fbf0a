"""The weekly calls in the database: the calls the village placed, and the calls residents asked for."""
from __future__ import annotations

from sqlalchemy import select

from messaging.models import OutboundMessage
from orders.weekly_calls import WeeklyCall


def voice_calls(db):
    db.expire_all()
    return db.scalars(select(OutboundMessage).where(OutboundMessage.channel == "voice")
                      .order_by(OutboundMessage.id)).all()


def weekly_calls(db):
    """Every weekly call wished for, as (phone, weekday, time, active)."""
    db.expire_all()
    return [(w.resident.phone, w.weekday, w.time, w.active) for w in db.scalars(select(WeeklyCall))]
