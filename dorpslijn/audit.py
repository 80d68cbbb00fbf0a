"""The audit trail: who did what to whose data, and when (the dashboard's audit page reads it).

An event names its subject by id or by a masked number, never by what it is about: the trail
of an erasure must not keep what was erased.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column

from dorpslijn.db import Base, UTCDateTime, utcnow


class AuditEvent(Base):
    """One thing a person did to someone's data: a change in the dashboard, an export, an erasure."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int | None] = mapped_column(ForeignKey("villages.id"), nullable=True, index=True)
    actor: Mapped[str] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(200))
    before: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


def record(session, actor: str, action: str, subject: str, before: dict | None = None,
           after: dict | None = None, village_id: int | None = None, at: datetime | None = None) -> AuditEvent:
    """Add one event to the trail (committed with the change it describes)."""
    event = AuditEvent(village_id=village_id, actor=actor, action=action, subject=subject, before=before,
                       after=after, at=at or utcnow())
    session.add(event)
    return event


def forget_values(session, subjects: list[str]) -> None:
    """After an erasure: the trail keeps who changed which fields of these subjects, not the values."""
    for event in session.scalars(select(AuditEvent).where(AuditEvent.subject.in_(subjects),
                                                          AuditEvent.action.not_like("privacy.%"))):
        event.before = dict.fromkeys(event.before) if event.before else event.before
        event.after = dict.fromkeys(event.after) if event.after else event.after
