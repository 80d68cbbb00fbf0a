"""Every channel's way in ends here: an inbound message is stored once, then queued.

Stored first and unique per channel and provider id, so that a provider's second delivery of
the same message is answered 2xx and handled once; queued second, and left for the
scheduler's sweep when Redis is down, so that nothing stored is lost.
"""
from __future__ import annotations

import logging
import threading
from contextlib import nullcontext

from redis import RedisError
from sqlalchemy import insert
from sqlalchemy.exc import DBAPIError, IntegrityError

from bots.models import InboundMessage
from dorpslijn.db import utcnow
from worker.queues import enqueue_inbound

logger = logging.getLogger(__name__)

MAX_BODY = 5000
INSERT = insert(InboundMessage).returning(InboundMessage.id)
SQLITE_WRITER = threading.Lock()


def store_and_queue(session, redis, **values) -> int | None:
    """Store an inbound message and queue it; None when the provider delivered it before."""
    inbound_id = store(session, **values)
    if inbound_id is not None:
        queue_or_leave_for_sweep(redis, inbound_id)
    return inbound_id


def store(session, **values) -> int | None:
    """Store an inbound message (its body cut at MAX_BODY, NUL bytes dropped since PostgreSQL's
    text refuses them); None when the provider delivered it before.

    One INSERT, committed on its own (autocommit: no BEGIN and COMMIT round trips) on a
    connection of its own: this is every webhook's hot path, and the ORM's unit of work would
    only add to it.
    """
    values["body"] = values.get("body", "").replace("\x00", "")[:MAX_BODY]
    try:
        return _insert(session.get_bind(), {"received_at": utcnow(), **values})
    except IntegrityError:
        logger.info("%s message %s delivered twice; handled once", values["channel"], values["provider_id"])
        return None


def _insert(engine, row: dict, again: bool = True) -> int:
    """Insert the row; once more on a new connection when the server had dropped the pooled one."""
    try:
        with _one_writer_at_a_time(engine), engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            return c.execute(INSERT, row).scalar_one()
    except DBAPIError as exc:
        if not (again and exc.connection_invalidated):
            raise
        logger.warning("the database had dropped a connection; storing on a new one")
        return _insert(engine, row, again=False)


def _one_writer_at_a_time(engine):
    """On SQLite, this process's threads take turns to write.

    SQLite lets one writer in at a time and has the others sleep and poll (1, 2, 5, 10 ms and
    longer), which left a few webhooks waiting most of a second under load; a lock wakes the
    next thread at once. A database server takes concurrent inserts and needs no turns.
    """
    return SQLITE_WRITER if engine.dialect.name == "sqlite" else nullcontext()


def queue_or_leave_for_sweep(redis, inbound_id: int) -> None:
    """Queue a stored message; if Redis is down the scheduler's sweep queues it later."""
    try:
        enqueue_inbound(redis, inbound_id)
    except RedisError:
        logger.exception("could not queue inbound message %s; the sweep will", inbound_id)
