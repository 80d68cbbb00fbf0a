"""A resident's wish to be called every week at a weekday and time: asked for, stopped, looked up.

A resident asks by text ("bel mij elke maandag om 10 uur") or by pressing 1 after an order by
phone; the coordinator sets it in the dashboard or with `dorpslijn weekly-call`. The scheduler
places the calls (worker/schedule.py, ivr/weekly.py). The wish is the market's: the text
conversation, the voice menu and the dashboard all set it.
"""
from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from sqlalchemy import Boolean, ForeignKey, Integer, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dorpslijn.db import Base, UTCDateTime, utcnow
from orders.calendar import TIMEZONE
from orders.models import Resident

logger = logging.getLogger(__name__)


class WeeklyCall(Base):
    """A resident who wants us to call at a fixed weekday and hour to take their order."""

    __tablename__ = "weekly_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), unique=True)
    weekday: Mapped[int] = mapped_column(Integer)
    time: Mapped[str] = mapped_column(String(5))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    resident: Mapped[Resident] = relationship()


def ask_for_weekly_call(session, resident: Resident, weekday: int, at: time) -> WeeklyCall:
    """Call the resident every `weekday` (Monday 0) at `at`, Dutch time; replaces an earlier wish."""
    weekly = _wish(session, resident)
    if weekly is None:
        weekly = WeeklyCall(resident_id=resident.id)
        session.add(weekly)
    weekly.weekday, weekly.time, weekly.active = weekday, at.strftime("%H:%M"), True
    session.flush()
    logger.info("resident %s is called every weekday %s at %s", resident.id, weekday, weekly.time)
    return weekly


def stop_weekly_call(session, resident: Resident) -> None:
    """No more weekly calls for the resident."""
    weekly = _wish(session, resident)
    if weekly is not None:
        weekly.active = False


def decline_weekly_call(session, resident: Resident, weekday: int, at: time) -> None:
    """The resident said no to the weekly call offered: kept as a wish that is off, so that it
    is not offered again (the coordinator can still turn it on)."""
    if not ever_had_weekly_call(session, resident):
        session.add(WeeklyCall(resident_id=resident.id, weekday=weekday, time=at.strftime("%H:%M"), active=False))


def ever_had_weekly_call(session, resident: Resident) -> bool:
    """Whether the resident has, or once had or turned down, a weekly call."""
    return _wish(session, resident) is not None


def weekly_call_of(session, resident: Resident) -> WeeklyCall | None:
    """The resident's weekly call, while it is on."""
    weekly = _wish(session, resident)
    return weekly if weekly is not None and weekly.active else None


def _wish(session, resident: Resident) -> WeeklyCall | None:
    """The resident's weekly call, on or off (one per resident)."""
    return session.scalar(select(WeeklyCall).where(WeeklyCall.resident_id == resident.id))


def slot_for(weekly: WeeklyCall, now: datetime) -> datetime:
    """This week's moment for the weekly call, in UTC."""
    local = now.astimezone(TIMEZONE)
    day = local.date() + timedelta(days=weekly.weekday - local.weekday())
    hour, minute = (int(x) for x in weekly.time.split(":"))
    return datetime.combine(day, time(hour, minute), TIMEZONE).astimezone(now.tzinfo)
