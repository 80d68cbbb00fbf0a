"""The scheduler: every tick enqueues what has come due. Each task is safe to run twice.

- sweep: inbound messages and outbox rows that were stored but never queued (Redis was
  down, a process died) are queued again, so nothing stored is lost.
- delivery days: shop reminders and the riders check before a cut-off, the coordinator's
  alert about silent shops, and closing the day at the cut-off (worker/rounds_jobs.py).
- follow-ups: read-back reminders, the coordinator told of read-backs still open near the
  cut-off, standing orders read back, weekly reminders (bots/followups.py).
- weekly calls: residents who asked to be called each week are called (ivr/weekly.py).
- retention, once a day: what was said is blanked after DORPSLIJN_KEEP_MESSAGES_DAYS, orders
  lose their customer after DORPSLIJN_KEEP_ORDERS_YEARS (dorpslijn/privacy.py).
"""
from __future__ import annotations

import logging
import time
from datetime import timedelta

from sqlalchemy import select

from bots import followups
from bots.models import InboundMessage, OutboundMessage
from dorpslijn import privacy
from dorpslijn.db import session_scope
from dorpslijn.redis_server import connect
from ivr import weekly
from worker import rounds_jobs
from worker.queues import announced, enqueue_inbound, enqueue_send, queue, INBOUND, OUTBOX

logger = logging.getLogger(__name__)

TICK_SECONDS = 30
STALE = timedelta(seconds=60)
GIVE_UP = timedelta(days=1)  # a message that failed for a day needs a developer, not a retry


def run_forever(settings) -> None:
    """Tick until the process is stopped."""
    redis = connect(settings)
    logger.info("scheduler started")
    while True:
        try:
            tick(settings, redis)
        except Exception:
            logger.exception("scheduler tick failed")
        time.sleep(TICK_SECONDS)


def tick(settings, redis, now=None) -> None:
    """Enqueue everything that has come due, once, even with several schedulers."""
    now = now or settings.now()
    lock = redis.lock("dorpslijn:scheduler", timeout=TICK_SECONDS * 4, blocking_timeout=0)
    if not lock.acquire(blocking=False):
        return
    try:
        sweep(settings, redis, now)
        rounds_jobs.enqueue_due(settings, redis, now)
        follow_up(settings, redis, now)
        weekly.tick(settings, redis, now)
        retention(settings, redis, now)
    finally:
        lock.release()


def follow_up(settings, redis, now) -> None:
    """Send what the conversation says first when it is due (bots/followups.py)."""
    with session_scope(settings.database_url) as session:
        sent = followups.run(session, now)
    enqueue_send(redis, sent)


def retention(settings, redis, now) -> None:
    """Once a day, forget what the privacy terms say is kept no longer."""
    if not redis.set(f"dorpslijn:retention:{now.date().isoformat()}", 1, nx=True, ex=2 * 24 * 3600):
        return
    with session_scope(settings.database_url) as session:
        counts = privacy.forget_old(session, now, settings.keep_messages_days, settings.keep_orders_years)
    logger.info("retention: %s", counts)


def sweep(settings, redis, now) -> None:
    """Queue again what was stored but is neither handled nor waiting in a queue."""
    waiting_in = {INBOUND: set(queue(redis, INBOUND).job_ids) | {f"inbound-{i}" for i in announced(redis)},
                  OUTBOX: set(queue(redis, OUTBOX).job_ids)}
    with session_scope(settings.database_url) as session:
        inbound = session.scalars(select(InboundMessage.id).where(
            InboundMessage.handled_at.is_(None), InboundMessage.received_at < now - STALE,
            InboundMessage.received_at > now - GIVE_UP)).all()
        outbound = session.scalars(select(OutboundMessage.id).where(
            OutboundMessage.status == "queued", OutboundMessage.created_at < now - STALE)).all()
    lost = [i for i in inbound if f"inbound-{i}" not in waiting_in[INBOUND]]
    if lost:
        logger.warning("inbound messages %s were not queued; queueing them", lost)
    enqueue_inbound(redis, lost)
    enqueue_send(redis, [i for i in outbound if f"send-{i}" not in waiting_in[OUTBOX]])
