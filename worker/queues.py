"""The queues, and the one way work is put on them: job ids derived from what they handle.

A job id made from the message it handles stops a double enqueue of the same delivery.

Inbound messages come the cheap way: a webhook announces the ids it stored on a Redis list
(messaging/inbox.py),
one command for many, and each worker relays them onto the inbound queue as RQ jobs. Making a
job costs more than storing the message, and the webhook must answer fast.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from redis import RedisError
from rq import Queue, Retry

from messaging import outbox
from messaging.inbox import ARRIVED

logger = logging.getLogger(__name__)

INBOUND = "inbound"
OUTBOX = "outbox"
DEFAULT = "default"
ALL = (INBOUND, OUTBOX, DEFAULT)
RELAY_BATCH = 500

RETRY = Retry(max=5, interval=[2, 10, 30, 120, 600])
SEND_SECONDS = 15  # a send still going after this is stopped by RQ, and retried (a Twilio call takes well under 1 s)



def queue(redis, name: str) -> Queue:
    """The named queue on this Redis connection."""
    return Queue(name, connection=redis)


def relay_arrived(redis, wait_seconds: int = 0) -> int:
    """Queue a job for each announced message; how many. With `wait_seconds`, first wait up
    to that long for one to be announced."""
    arrived = []
    if wait_seconds and (first := redis.blpop([ARRIVED], timeout=wait_seconds)):
        arrived.append(first[1])
    arrived += redis.lpop(ARRIVED, RELAY_BATCH) or []
    enqueue_inbound(redis, [int(inbound_id) for inbound_id in arrived])
    return len(arrived)


def announced(redis) -> list[int]:
    """The messages announced and not yet relayed."""
    return [int(inbound_id) for inbound_id in redis.lrange(ARRIVED, 0, -1)]


def enqueue_inbound(redis, inbound_ids: list[int]) -> None:
    """Have a worker handle each of these stored inbound messages (one Redis round trip).

    No RQ retry here: a message whose handling failed stays unhandled in the database, and the
    scheduler's sweep queues it again.
    """
    if inbound_ids:
        queue(redis, INBOUND).enqueue_many([
            Queue.prepare_data("worker.jobs.handle_inbound", (inbound_id,), job_id=f"inbound-{inbound_id}")
            for inbound_id in inbound_ids])


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
            Queue.prepare_data("worker.jobs.send_outbound", (message_id,), job_id=f"send-{message_id}", retry=RETRY,
                                timeout=SEND_SECONDS)
            for message_id in message_ids])


def enqueue_send_later(redis, message_id: int, seconds: float, attempt: int) -> None:
    """Have a worker send this outbox message again once `seconds` have passed."""
    queue(redis, OUTBOX).enqueue_in(timedelta(seconds=seconds), "worker.jobs.send_outbound", message_id,
                                    job_id=f"send-{message_id}-again-{attempt}", retry=RETRY,
                                    job_timeout=SEND_SECONDS)
