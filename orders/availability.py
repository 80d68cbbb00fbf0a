"""Who rides on a delivery day: a volunteer's regular days, and their word for one day.

`Volunteer.days` are the days a volunteer rides (empty: every delivery day); `BESCHIKBAAR DI`
and `NIET BESCHIKBAAR DI` change only the next Tuesday that is a delivery day.
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import select

from orders.calendar import TIMEZONE, delivery_weekdays, parse_days
from orders.deliveries import Availability, RoundDay
from orders.models import Village, Volunteer


def next_day_on(session, village: Village, weekday: int | None, now: datetime) -> date | None:
    """The next delivery day (on `weekday`, when given) whose rounds are not closed yet."""
    today = now.astimezone(TIMEZONE).date()
    closed = set(session.scalars(select(RoundDay.date).where(
        RoundDay.village_id == village.id, RoundDay.date >= today, RoundDay.closed_at.is_not(None))))
    for offset in range(0, 15):
        day = today + timedelta(days=offset)
        if day.weekday() in delivery_weekdays(village) and weekday in (None, day.weekday()) \
                and day not in closed:
            return day
    return None


def set_available(session, volunteer: Volunteer, day: date, available: bool) -> None:
    """Record a volunteer's word for one delivery day."""
    row = session.scalar(select(Availability).where(Availability.volunteer_id == volunteer.id,
                                                    Availability.date == day))
    if row is None:
        row = Availability(volunteer_id=volunteer.id, date=day, available=available)
        session.add(row)
    row.available = available
    session.flush()


def riders_for(session, village: Village, day: date) -> list[Volunteer]:
    """The volunteers who ride on a delivery day, by their days and their word for that day."""
    said = dict(session.execute(
        select(Availability.volunteer_id, Availability.available)
        .join(Volunteer).where(Volunteer.village_id == village.id, Availability.date == day)).all())
    volunteers = session.scalars(select(Volunteer).where(Volunteer.village_id == village.id)
                                 .order_by(Volunteer.id))
    return [v for v in volunteers if said.get(v.id, _rides_on(v, day))]


def _rides_on(volunteer: Volunteer, day: date) -> bool:
    days = parse_days(volunteer.days)
    return not days or day.weekday() in days
