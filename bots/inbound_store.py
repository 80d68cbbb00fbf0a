"""Every channel's way in ends here: an inbound message is stored once, then queued.

Stored first and unique per channel and provider id, so that a provider's second delivery of
the same message is answered 2xx and handled once; queued second, and left for the
scheduler's sweep when Redis is down, so that nothing stored is lost.

Group commit: in each process, a webhook that finds no write under way stores every message
that has come in meanwhile with one INSERT and one commit, and queues them with one Redis
command; each webhook is answered once its own message is stored and queued. Alone, a message
waits for nobody; under load one commit serves many messages, so throughput grows with the
load instead of every request waiting its turn for the database.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import Future

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from bots.models import InboundMessage
from dorpslijn.db import autocommit_engine_for, utcnow
from worker.queues import announce_inbound

logger = logging.getLogger(__name__)

MAX_BODY = 5000
INSERT_NEW = {  # per database: a message stored before is skipped, not an error
    name: insert(InboundMessage).on_conflict_do_nothing(index_elements=["channel", "provider_id"])
    .returning(InboundMessage.id, InboundMessage.channel, InboundMessage.provider_id)
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))}


def store_and_queue(database_url: str, redis, **values) -> int | None:
    """Store an inbound message (its body cut at MAX_BODY, NUL bytes dropped since PostgreSQL's
    text refuses them) and queue it; None when the provider delivered it before."""
    values["body"] = values.get("body", "").replace("\x00", "")[:MAX_BODY]
    return _GROUP_COMMIT.store(autocommit_engine_for(database_url), redis, {"received_at": utcnow(), **values})


class _GroupCommit:
    """A webhook that finds no write under way stores every message waiting, its own too, while
    the webhooks that come meanwhile wait for the next turn or find theirs stored already."""

    def __init__(self):
        self.turn = threading.Lock()  # held while a batch is written
        self.guard = threading.Lock()  # held while `waiting` changes
        self.waiting: list = []

    def store(self, engine, redis, row: dict) -> int | None:
        """Wait until the row is stored and queued; its id, or None when it was stored before."""
        done: Future = Future()
        with self.guard:
            self.waiting.append(((engine, redis), row, done))
        with self.turn:
            if not done.done():
                self._write_waiting()
        return done.result()

    def _write_waiting(self) -> None:
        with self.guard:
            batch, self.waiting = self.waiting, []
        groups: dict[tuple, list] = {}
        for where, row, done in batch:
            groups.setdefault(where, []).append((row, done))
        for (engine, redis), rows in groups.items():
            _store_batch(engine, redis, rows)


_GROUP_COMMIT = _GroupCommit()


def _store_batch(engine, redis, rows: list[tuple[dict, Future]]) -> None:
    """Store the rows in one INSERT, queue the new ones, and answer each waiting webhook.

    When the database refuses the INSERT for what is in it, each row is tried on its own, so
    that only the webhook of the row refused fails; out of reach, it fails them all.
    """
    try:
        new = _insert_new(engine, [row for row, _ in rows])
    except Exception as exc:
        if len(rows) > 1 and isinstance(exc, (IntegrityError, DataError)):
            for one in rows:
                _store_batch(engine, redis, [one])
            return
        for _, done in rows:  # the webhooks waiting answer 500, and their providers retry
            done.set_exception(exc)
        return
    ids = [new.pop((row["channel"], row["provider_id"]), None) for row, _ in rows]
    _queue_or_leave_for_sweep(redis, [i for i in ids if i is not None])
    for (row, done), inbound_id in zip(rows, ids):
        if inbound_id is None:
            logger.info("%s message %s delivered twice; handled once", row["channel"], row["provider_id"])
        done.set_result(inbound_id)


def _insert_new(engine, rows: list[dict], again: bool = True) -> dict[tuple[str, str], int]:
    """Insert the rows not stored before, each statement committed by itself (an autocommit
    engine); their ids by channel and provider id. Once more on a new connection when the
    server had dropped the pooled one."""
    try:
        with engine.connect() as connection:
            return {(channel, provider_id): inbound_id for inbound_id, channel, provider_id
                    in connection.execute(INSERT_NEW[engine.dialect.name], rows)}
    except DBAPIError as exc:
        if not (again and exc.connection_invalidated):
            raise
        logger.warning("the database had dropped a connection; storing on a new one")
        return _insert_new(engine, rows, again=False)


def _queue_or_leave_for_sweep(redis, inbound_ids: list[int]) -> None:
    """Queue stored messages; when that fails (Redis down) the scheduler's sweep queues them
    later, and the webhooks still answer that their messages are in."""
    try:
        announce_inbound(redis, inbound_ids)
    except Exception:  # whatever it was, the message is stored and the sweep queues it
        logger.exception("could not queue inbound messages %s; the sweep will", inbound_ids)
