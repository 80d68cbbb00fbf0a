"""Sending the outbox: the job that sends one message, and the one way a transaction's messages
are handed to it (commit, then queue; with Redis away they wait, stored, for the sweep)."""
from __future__ import annotations

import logging
from datetime import timedelta

from redis import RedisError
from rq import Queue
from sqlalchemy import update

from dorpslijn.config import load_settings
from dorpslijn.db import session_scope, utcnow
from dorpslijn.redis_server import connect
from messaging import outbox
from messaging.exceptions import PermanentFailure, SendLater
from messaging.models import OutboundMessage
from messaging.transport import transport_for
from worker.queues import OUTBOX, RETRY, SEND_SECONDS, queue

logger = logging.getLogger(__name__)


def commit_and_send(session, redis) -> None:
    """Commit, then have a worker send every outbox row the session put: the one way a
    transaction's messages leave. With Redis away they wait for the scheduler's sweep, stored."""
    session.commit()
    put = outbox.take_put(session)
    try:
        enqueue_send(redis, put)
    except RedisError:
        logger.warning("could not queue outbox messages %s; the sweep will", put)


def enqueue_send(redis, message_ids) -> None:
    """Have a worker send these outbox messages (one Redis round trip for all of them)."""
    message_ids = list(message_ids)
    if message_ids:
        queue(redis, OUTBOX).enqueue_many([
            Queue.prepare_data(send_outbound, (message_id,), job_id=f"send-{message_id}", retry=RETRY,
                                timeout=SEND_SECONDS)
            for message_id in message_ids])


def enqueue_send_later(redis, message_id: int, seconds: float, attempt: int) -> None:
    """Have a worker send this outbox message again once `seconds` have passed."""
    queue(redis, OUTBOX).enqueue_in(timedelta(seconds=seconds), send_outbound, message_id,
                                    job_id=f"send-{message_id}-again-{attempt}", retry=RETRY,
                                    job_timeout=SEND_SECONDS)


def send_outbound(message_id: int) -> None:
    """Send one outbox message once; a transient failure raises so that RQ retries it."""
    settings = load_settings()
    with session_scope(settings.database_url) as session:
        claimed = session.execute(
            update(OutboundMessage).where(OutboundMessage.id == message_id,
                                          OutboundMessage.status.in_(("queued", "retrying")))
            .values(status="sending", attempts=OutboundMessage.attempts + 1, claimed_at=utcnow())).rowcount
    if not claimed:
        return
    with session_scope(settings.database_url) as session:
        message = session.get(OutboundMessage, message_id)
        try:
            message.provider_id = transport_for(settings).send(session, message)
        except PermanentFailure as failure:
            message.status, message.error = "failed", str(failure)
            outbox.after_permanent_failure(session, message, failure)
            commit_and_send(session, connect(settings))
            return
        except SendLater as later:
            message.status, message.error = "retrying", str(later)
            session.commit()
            enqueue_send_later(connect(settings), message_id, later.seconds, message.attempts)
            return
        except Exception as exc:
            message.status, message.error = "retrying", repr(exc)[:500]
            session.commit()
            raise
        message.status = "sent"
        message.sent_at = utcnow()
