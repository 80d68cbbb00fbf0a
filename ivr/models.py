"""The voice menu's tables: each call and where it stands, and the weekly calls."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dorpslijn.db import Base, UTCDateTime, utcnow
from orders.models import Resident


class VoiceCall(Base):
    """One phone call, coming in or made by us, and where its menu stands."""

    __tablename__ = "voice_calls"
    __table_args__ = (UniqueConstraint("weekly_call_id", "slot", "attempt"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    call_sid: Mapped[str | None] = mapped_column(String(64), unique=True, nullable=True)
    phone: Mapped[str] = mapped_column(String(32))
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), nullable=True, index=True)
    direction: Mapped[str] = mapped_column(String(10), default="inbound")
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the basket it made (drafts come and go)
    outcome: Mapped[str] = mapped_column(String(16), default="")
    status: Mapped[str] = mapped_column(String(16), default="")
    seq: Mapped[int] = mapped_column(Integer, default=-1)       # the last step answered (`n`)
    answer: Mapped[str] = mapped_column(Text, default="")       # and its TwiML, for a repeat
    weekly_call_id: Mapped[int | None] = mapped_column(ForeignKey("weekly_calls.id"), nullable=True, index=True)
    slot: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    attempt: Mapped[int] = mapped_column(Integer, default=1)
    followed_up: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    resident: Mapped[Resident | None] = relationship()
