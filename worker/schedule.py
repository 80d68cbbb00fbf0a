"""The scheduler: every tick enqueues what has come due. Each task is safe to run twice.

- sweep: inbound messages and outbox rows that were stored but are neither handled nor waiting
  in a queue (Redis was down or restarted empty, a process died) are queued again, so nothing
  stored is lost; an outbox row whose worker died while sending it is sent again.
- retries due: queued even when no worker runs RQ's own scheduler. A killed worker's scheduler
  keeps its lock for a minute, and a new worker asks for it again only at its ten-minute
  maintenance: without this, every retry would wait that long after a crash.
- delivery days: shop reminders and the riders check before a cut-off, the coordinator's
  alert about silent shops, and closing the day at the cut-off (worker/rounds_jobs.py).
- follow-ups: read-back reminders, the coordinator told of read-backs still open near the
  cut-off, standing orders read back, weekly reminders (bots/followups.py).
- weekly calls: residents who asked to be called each week are called (ivr/weekly.py decides who).
- retention, once a day: what was said is blanked after DORPSLIJN_KEEP_MESSAGES_DAYS, orders
  lose their customer after DORPSLIJN_KEEP_ORDERS_YEARS (worker/privacy.py).
"""
from __future__ import annotations

import logging
import time
from datetime import timedelta

from rq.registry import ScheduledJobRegistry
from rq.scheduler import RQScheduler
from sqlalchemy import or_, select, update

from bots import followups
from dorpslijn.db import session_scope, utcnow
from dorpslijn.redis_server import connect
from ivr import weekly
from messaging import outbox
from messaging.models import InboundMessage, OutboundMessage
from worker import jobs, privacy, rounds_jobs
from worker.jobs import announced, enqueue_inbound
from worker.queues import ALL, DEFAULT, INBOUND, OUTBOX, RETRY, SEND_SECONDS, queue
from worker.sending import commit_and_send, enqueue_send

logger = logging.getLogger(__name__)

GIVE_UP = timedelta(days=1)  # a message that failed for a day needs a developer, not a retry
ATTEMPTS = RETRY.max + 1  # a send tried this often gives up (RQ's retries are spent)


def run_forever(settings) -> None:
    """Tick every `sweep_seconds` until the process is stopped."""
    redis = connect(settings)
    logger.info("scheduler started")
    while True:
        try:
            tick(settings, redis)
        except Exception:
            logger.exception("scheduler tick failed")
        time.sleep(settings.sweep_seconds)


def tick(settings, redis, now=None) -> None:
    """Enqueue everything that has come due, once, even with several schedulers."""
    now = now or settings.now()
    lock = redis.lock("dorpslijn:scheduler", timeout=max(120, settings.sweep_seconds * 4), blocking_timeout=0)
    if not lock.acquire(blocking=False):
        return
    try:
        sweep(settings, redis)
        queue_due_retries(redis)
        rounds_jobs.enqueue_due(settings, redis, now)
        follow_up(settings, redis, now)
        weekly_calls(settings, redis, now)
        retention(settings, redis, now)
    finally:
        lock.release()


def weekly_calls(settings, redis, now) -> None:
    """Place the weekly calls that are due, and tell the coordinator of the unanswered ones."""
    with session_scope(settings.database_url) as session:
        planned, messages = weekly.due(session, now)
        for village_id, batch in messages.items():
            outbox.put_all(session, village_id, batch)
        commit_and_send(session, redis)
    for call_id in planned:
        queue(redis, DEFAULT).enqueue(jobs.place_call, call_id, job_id=f"call-{call_id}")


def follow_up(settings, redis, now) -> None:
    """Send what the conversation says first when it is due (bots/followups.py)."""
    with session_scope(settings.database_url) as session:
        followups.run(session, now)
        commit_and_send(session, redis)


def retention(settings, redis, now) -> None:
    """Once a day, forget what the privacy terms say is kept no longer."""
    if not redis.set(f"dorpslijn:retention:{now.date().isoformat()}", 1, nx=True, ex=2 * 24 * 3600):
        return
    with session_scope(settings.database_url) as session:
        counts = privacy.forget_old(session, now, settings.keep_messages_days, settings.keep_orders_years)
    logger.info("retention: %s", counts)


def sweep(settings, redis) -> None:
    """Queue again what was stored but is neither handled nor waiting in a queue.

    Ages are measured on the real clock, as the rows' times are stored (`now` may be a demo's
    fixed moment); a row counts as lost once it is older than one sweep interval.
    """
    lost_before = utcnow() - timedelta(seconds=settings.sweep_seconds)
    waiting_inbound = set(queue(redis, INBOUND).job_ids) | {f"inbound-{i}" for i in announced(redis)}
    waiting_outbox = _outbox_ids_waiting(redis)
    with session_scope(settings.database_url) as session:
        inbound = session.scalars(select(InboundMessage.id).where(
            InboundMessage.handled_at.is_(None), InboundMessage.received_at < lost_before,
            InboundMessage.received_at > lost_before - GIVE_UP)).all()
        _unclaim_abandoned_sends(session, lost_before - timedelta(seconds=SEND_SECONDS))
        outbound = session.scalars(select(OutboundMessage.id).where(
            or_(OutboundMessage.status == "queued",
                (OutboundMessage.status == "retrying") & (OutboundMessage.attempts < ATTEMPTS)),
            OutboundMessage.created_at < lost_before, OutboundMessage.created_at > lost_before - GIVE_UP)).all()
    lost = [i for i in inbound if f"inbound-{i}" not in waiting_inbound]
    if lost:
        logger.warning("inbound messages %s were not queued; queueing them", lost)
    unsent = [i for i in outbound if i not in waiting_outbox]
    if unsent:
        logger.warning("outbox messages %s were not queued; queueing them", unsent)
    enqueue_inbound(redis, lost)
    enqueue_send(redis, unsent)


def queue_due_retries(redis) -> None:
    """Move the scheduled jobs that have come due onto their queues, as RQ's scheduler does.
    Should that scheduler run too, a job may be queued twice; every job is safe to run twice."""
    scheduler = RQScheduler([queue(redis, name) for name in ALL], connection=redis)
    scheduler.prepare_registries(ALL)
    scheduler.enqueue_scheduled_jobs()


def _outbox_ids_waiting(redis) -> set[int]:
    """The outbox messages with a send job in the queue or scheduled for a retry."""
    outbox = queue(redis, OUTBOX)
    job_ids = [*outbox.job_ids, *ScheduledJobRegistry(queue=outbox).get_job_ids()]
    return {int(job_id.split("-")[1]) for job_id in job_ids if job_id.startswith("send-")}


def _unclaim_abandoned_sends(session, claimed_before) -> None:
    """A message still "sending" long after RQ would have stopped its job had a worker die
    under it: it goes out again (if the provider had taken it just before, it is sent twice;
    neither Twilio nor Telegram takes a key that would stop that)."""
    abandoned = session.scalars(update(OutboundMessage).where(
        OutboundMessage.status == "sending", OutboundMessage.claimed_at < claimed_before)
        .values(status="retrying").returning(OutboundMessage.id)).all()
    if abandoned:
        logger.warning("outbox messages %s were left half sent by a worker that stopped", abandoned)
