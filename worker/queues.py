"""The queues, and the one way work is put on them: job ids derived from what they handle.

A job id made from the message it handles stops a double enqueue of the same delivery.
"""
from __future__ import annotations

from datetime import timedelta

from rq import Queue, Retry

INBOUND = "inbound"
OUTBOX = "outbox"
DEFAULT = "default"
ALL = (INBOUND, OUTBOX, DEFAULT)

RETRY = Retry(max=5, interval=[2, 10, 30, 120, 600])


def queue(redis, name: str) -> Queue:
    """The named queue on this Redis connection."""
    return Queue(name, connection=redis)


def enqueue_inbound(redis, inbound_id: int) -> None:
    """Have a worker handle a stored inbound message.

    No RQ retry here: a message whose handling failed stays unhandled in the database, and the
    scheduler's sweep queues it again; the webhook saves the retry's cost on every request.
    One pipeline, so one round trip to Redis: this runs on every webhook.
    """
    with redis.pipeline() as pipeline:
        queue(redis, INBOUND).enqueue("worker.jobs.handle_inbound", inbound_id, job_id=f"inbound-{inbound_id}",
                                      pipeline=pipeline)
        pipeline.execute()


def enqueue_send(redis, message_ids) -> None:
    """Have a worker send these outbox messages (one Redis round trip for all of them)."""
    message_ids = list(message_ids)
    if message_ids:
        queue(redis, OUTBOX).enqueue_many([
            Queue.prepare_data("worker.jobs.send_outbound", (message_id,), job_id=f"send-{message_id}", retry=RETRY)
            for message_id in message_ids])


def enqueue_send_later(redis, message_id: int, seconds: float, attempt: int) -> None:
    """Have a worker send this outbox message again once `seconds` have passed."""
    queue(redis, OUTBOX).enqueue_in(timedelta(seconds=seconds), "worker.jobs.send_outbound", message_id,
                                    job_id=f"send-{message_id}-again-{attempt}", retry=RETRY)
