"""Jobs for delivery days: the checks before a cut-off, and closing the day at the cut-off.

`enqueue_due` is the scheduler's part: for each village's coming delivery day it enqueues,
once, the riders check and the shop reminders (`REMIND_BEFORE` the cut-off), the
coordinator's alert about silent shops (`ALERT_BEFORE`), and the close (at the cut-off).
Each job records in Redis that it ran, and the database's marks make a second run harmless.
"""
from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from sqlalchemy import select

from dorpslijn.config import load_settings
from dorpslijn.db import session_scope
from dorpslijn.redis_server import connect
from messaging import outbox
from orders import rounds, shop_orders
from orders.availability import delivery_weekdays
from orders.calendar import TIMEZONE, delivery_day_for
from orders.models import Village
from worker.queues import DEFAULT, RETRY, queue
from worker.sending import commit_and_send

logger = logging.getLogger(__name__)

DONE_SECONDS = 3 * 24 * 3600
CLOSE_LOCK_SECONDS = 600


def close_day(village_id: int, day: str, now: str) -> dict:
    """Close one village's delivery day and queue every message that goes with it."""
    settings = load_settings()
    redis = connect(settings)
    with redis.lock(f"dorpslijn:close:{village_id}:{day}", timeout=CLOSE_LOCK_SECONDS,
                    blocking_timeout=CLOSE_LOCK_SECONDS):
        with session_scope(settings.database_url) as session:
            village = session.get(Village, village_id)
            closed = rounds.close(session, village, date.fromisoformat(day), datetime.fromisoformat(now))
            sent = outbox.put_all(session, village_id, closed.messages)
            summary = {"village": village.slug, "date": day, "already": closed.already,
                       "rounds": len(closed.rounds), "unassigned": len(closed.unassigned),
                       "flagged": len(closed.flagged), "messages": len(sent),
                       "km": round(closed.metres / 1000, 1),
                       "nearest_neighbour_km": round(closed.nearest_neighbour_metres / 1000, 1)}
            commit_and_send(session, redis)
    return summary


def enqueue_close(redis, village_id: int, day: date, now: datetime) -> None:
    """Have a worker close the day at once (the dashboard's button): a big village's close takes
    longer than a web request may."""
    queue(redis, DEFAULT).enqueue(close_day, village_id, day.isoformat(), now.isoformat(),
                                  job_id=_job_id("close", village_id, day), retry=RETRY)


def closing(redis, village_id: int, day: date) -> bool:
    """Whether a close of the day is queued or running."""
    try:
        job = Job.fetch(_job_id("close", village_id, day), connection=redis)
    except NoSuchJobError:
        return False
    return job.get_status() in (JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED)


def remind(village_id: int, day: str, now: str) -> None:
    """Hours before the cut-off: shops that did not answer get one reminder; riders are counted."""
    _send(village_id, lambda session, village, d, t: (
        shop_orders.remind_shops(session, village, d, t) + rounds.check_riders(session, village, d, t)),
        day, now)


def alert(village_id: int, day: str, now: str) -> None:
    """An hour before the cut-off: the coordinator hears of shops that stayed silent."""
    _send(village_id, shop_orders.alert_coordinator, day, now)


def _send(village_id: int, make, day: str, now: str) -> None:
    settings = load_settings()
    with session_scope(settings.database_url) as session:
        village = session.get(Village, village_id)
        messages = make(session, village, date.fromisoformat(day), datetime.fromisoformat(now))
        outbox.put_all(session, village_id, messages)
        commit_and_send(session, connect(settings))


STEPS = (("remind", remind, shop_orders.REMIND_BEFORE), ("alert", alert, shop_orders.ALERT_BEFORE),
         ("close", close_day, timedelta(0)))


def enqueue_due(settings, redis, now: datetime) -> None:
    """Enqueue, once each, the delivery-day jobs that have come due."""
    with session_scope(settings.database_url) as session:
        villages = list(session.scalars(select(Village)))
        due = [(village.id, day, cutoff) for village in villages for day, cutoff in _coming_days(village, now)]
    for village_id, day, cutoff in due:
        for name, job, before in STEPS:
            if not cutoff - before <= now or (name != "close" and now >= cutoff):
                continue
            job_id = _job_id(name, village_id, day)
            if redis.set(f"dorpslijn:done:{job_id}", 1, nx=True, ex=DONE_SECONDS):
                queue(redis, DEFAULT).enqueue(job, village_id, day.isoformat(), now.isoformat(), job_id=job_id,
                                                 retry=RETRY)


def _job_id(step: str, village_id: int, day: date) -> str:
    return f"rounds-{step}-{village_id}-{day.isoformat()}"


def _coming_days(village: Village, now: datetime):
    """The village's delivery days from today to a week ahead, with their cut-offs."""
    today = now.astimezone(TIMEZONE).date()
    for offset in range(0, 8):
        day = today + timedelta(days=offset)
        if day.weekday() in delivery_weekdays(village):
            yield day, delivery_day_for(village, day).cutoff
