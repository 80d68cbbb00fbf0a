"""Every channel's way in ends here: an inbound message is stored once, then queued.

Stored first and unique per channel and provider id, so that a provider's second delivery of
the same message is answered 2xx and handled once; queued second, and left for the
scheduler's sweep when Redis is down, so that nothing stored is lost.
"""
from __future__ import annotations

import logging

from redis import RedisError
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from bots.models import InboundMessage
from dorpslijn.db import utcnow
from worker.queues import enqueue_inbound

logger = logging.getLogger(__name__)

MAX_BODY = 5000
INSERT = insert(InboundMessage).returning(InboundMessage.id)


def store_and_queue(session, redis, **values) -> int | None:
    """Store an inbound message and queue it; None when the provider delivered it before."""
    inbound_id = store(session, **values)
    if inbound_id is not None:
        queue_or_leave_for_sweep(redis, inbound_id)
    return inbound_id


def store(session, **values) -> int | None:
    """Store an inbound message (its body cut at MAX_BODY, NUL bytes dropped since PostgreSQL's
    text refuses them); None when the provider delivered it before.

    One INSERT on a connection of its own: this is every webhook's hot path, and the ORM's
    unit of work would only add to it.
    """
    values["body"] = values.get("body", "").replace("\x00", "")[:MAX_BODY]
    try:
        with session.get_bind().begin() as connection:
            return connection.execute(INSERT, {"received_at": utcnow(), **values}).scalar_one()
    except IntegrityError:
        logger.info("%s message %s delivered twice; handled once", values["channel"], values["provider_id"])
        return None


def queue_or_leave_for_sweep(redis, inbound_id: int) -> None:
    """Queue a stored message; if Redis is down the scheduler's sweep queues it later."""
    try:
        enqueue_inbound(redis, inbound_id)
    except RedisError:
        logger.exception("could not queue inbound message %s; the sweep will", inbound_id)
