"""The queues: their names, how a job is retried and how long a send may take.

A job id made from what a job handles (worker/jobs.py, worker/sending.py) stops a double
enqueue of the same delivery.
"""
from __future__ import annotations

from rq import Queue, Retry

INBOUND = "inbound"
OUTBOX = "outbox"
DEFAULT = "default"
ALL = (INBOUND, OUTBOX, DEFAULT)

RETRY = Retry(max=5, interval=[2, 10, 30, 120, 600])
SEND_SECONDS = 15  # a send still going after this is stopped by RQ, and retried (a Twilio call takes well under 1 s)


def queue(redis, name: str) -> Queue:
    """The named queue on this Redis connection."""
    return Queue(name, connection=redis)
