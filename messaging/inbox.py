"""Every channel's way in ends here: an inbound message is stored once, then queued.

Stored first and unique per channel and provider id, so that a provider's second delivery of
the same message is answered 2xx and handled once; queued second, and left for the
scheduler's sweep when Redis is down, so that nothing stored is lost.

Group commit: in each process, a webhook that finds no write under way stores every message
that has come in meanwhile with one INSERT and one commit, and queues them with one Redis
command; each webhook is answered once its own message is stored and queued, and the first of
those that came during the write leads the next batch. Alone, a message waits for nobody;
under load one commit serves many messages, so throughput grows with the load instead of
every request waiting its turn for the database.
"""
from __future__ import annotations

import json
import logging
import threading
import time

from sqlalchemy import JSON, Integer, String, Text, bindparam, cast, column, func, literal_column, select, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from dorpslijn.db import UTCDateTime, autocommit_engine_for, utcnow
from messaging.models import InboundMessage

logger = logging.getLogger(__name__)

MAX_BODY = 5000
FIELDS = {"village_id": Integer, "channel": Text, "provider_id": Text, "sender": Text, "recipient": Text,
          "body": Text, "media": JSON, "extra": JSON}  # of each row in a batch, as the database reads them
BATCH = bindparam("batch", type_=String)  # the batch's rows as one JSON document
RECEIVED_AT = bindparam("received_at", type_=UTCDateTime)
ARRIVED = "dorpslijn:inbound:arrived"  # the ids stored and not yet taken by a worker (worker/jobs.py)


def _rows_in_batch(dialect: str):
    """The rows of BATCH as the database itself reads them out of the document."""
    if dialect == "postgresql":
        rows = func.json_to_recordset(cast(BATCH, postgresql.JSON)).table_valued(
            *(column(name, type_) for name, type_ in FIELDS.items())).render_derived(with_types=True)
        return select(*(rows.c[name] for name in FIELDS))
    rows = func.json_each(BATCH).table_valued("value")
    return select(*(func.json_extract(rows.c.value, literal_column(f"'$.{name}'")) for name in FIELDS)).where(true())


INSERT_NEW = {  # per database: one statement whatever the batch; a message stored before is skipped
    name: insert(InboundMessage).from_select([*FIELDS, "received_at"], _rows_in_batch(name).add_columns(RECEIVED_AT))
    .on_conflict_do_nothing(index_elements=["channel", "provider_id"])
    .returning(InboundMessage.id, InboundMessage.channel, InboundMessage.provider_id)
    for name, insert in (("postgresql", postgresql.insert), ("sqlite", sqlite.insert))}


def store_and_queue(database_url: str, redis, *, village_id: int, channel: str, provider_id: str, sender: str,
                    recipient: str, body: str, media: list, extra: dict) -> int | None:
    """Store an inbound message (its body cut at MAX_BODY, NUL bytes dropped since PostgreSQL's
    text refuses them) and queue it; None when the provider delivered it before."""
    row = dict(village_id=village_id, channel=channel, provider_id=provider_id, sender=sender, recipient=recipient,
               body=body.replace("\x00", "")[:MAX_BODY], media=media, extra=extra)
    return _GROUP_COMMIT.store(autocommit_engine_for(database_url), redis, row)


class _GroupCommit:
    """Leader and followers: a webhook that finds no write under way leads, storing every
    message waiting, its own too; the webhooks that come meanwhile wait, each on a lock of its
    own, until their message is stored or they are handed the lead for the next batch.

    Each follower wakes once, for its own answer: waiting in line on one lock instead woke
    every follower in turn only to find its message stored, and those thread switches had cost
    more than the INSERT (benchmarks/webhooks.py with threads: 2,500-2,800 requests/s before,
    3,200-3,400 after).

    A leader done writing yields once before handing over, so that the webhooks it answered
    send their answers first and their senders' next messages join the next batch. Handing
    over at once, the leader's own next message went alone while the others gathered behind
    it: batches of one and fourteen by turns (batches of one: 40% -> 10%).
    """

    def __init__(self):
        self.guard = threading.Lock()  # held while `waiting` or `writing` changes
        self.waiting: list[_Waiter] = []
        self.writing = False

    def store(self, engine, redis, row: dict) -> int | None:
        """Wait until the row is stored and queued; its id, or None when it was stored before."""
        waiter = _Waiter(engine, redis, row)
        with self.guard:
            self.waiting.append(waiter)
            leads, self.writing = not self.writing, True
        if leads or waiter.wait_for_answer_or_lead():
            self._write_waiting()
        return waiter.answer()

    def _write_waiting(self) -> None:
        with self.guard:
            batch, self.waiting = self.waiting, []
        try:
            groups: dict[tuple, list[_Waiter]] = {}
            for waiter in batch:
                groups.setdefault((waiter.engine, waiter.redis), []).append(waiter)
            for (engine, redis), waiters in groups.items():
                _store_batch(engine, redis, waiters)
        finally:
            for waiter in batch:  # only after a bug: nobody waits forever
                waiter.settle(error=RuntimeError("the inbound message was not stored"))
            time.sleep(0)  # the webhooks just answered go first (see above)
            self._hand_over()

    def _hand_over(self) -> None:
        """The first webhook waiting leads the next batch; with none, the next to come does."""
        with self.guard:
            if self.waiting:
                self.waiting[0].lead()
            else:
                self.writing = False


class _Waiter:
    """One webhook's message on its way to the database, and what became of it."""

    def __init__(self, engine, redis, row: dict):
        self.engine, self.redis, self.row = engine, redis, row
        self.settled, self.id, self.error = False, None, None
        self.wake = threading.Lock()
        self.wake.acquire()  # released once to answer, or once to hand over the lead

    def wait_for_answer_or_lead(self) -> bool:
        """Block until answered or handed the lead; True for the lead (woken unanswered)."""
        self.wake.acquire()
        return not self.settled

    def lead(self) -> None:
        self.wake.release()

    def settle(self, id: int | None = None, error: Exception | None = None) -> None:
        """Answer the webhook waiting, once."""
        if not self.settled:
            self.settled, self.id, self.error = True, id, error
            self.wake.release()

    def answer(self) -> int | None:
        if self.error is not None:
            raise self.error
        return self.id


_GROUP_COMMIT = _GroupCommit()


def _store_batch(engine, redis, waiters: list[_Waiter]) -> None:
    """Store the rows in one INSERT, queue the new ones, and answer each waiting webhook.

    When the database refuses the INSERT for what is in it, each row is tried on its own, so
    that only the webhook of the row refused fails; out of reach, it fails them all.
    """
    try:
        new = _insert_new(engine, [waiter.row for waiter in waiters])
    except Exception as exc:
        if len(waiters) > 1 and isinstance(exc, (IntegrityError, DataError)):
            for one in waiters:
                _store_batch(engine, redis, [one])
            return
        for waiter in waiters:  # the webhooks waiting answer 500, and their providers retry
            waiter.settle(error=exc)
        return
    ids = [new.pop((waiter.row["channel"], waiter.row["provider_id"]), None) for waiter in waiters]
    _queue_or_leave_for_sweep(redis, [i for i in ids if i is not None])
    for waiter, inbound_id in zip(waiters, ids):
        if inbound_id is None:
            logger.info("%s message %s delivered twice; handled once", waiter.row["channel"], waiter.row["provider_id"])
        waiter.settle(id=inbound_id)


def _insert_new(engine, rows: list[dict], again: bool = True) -> dict[tuple[str, str], int]:
    """Insert the rows not stored before, each statement committed by itself (an autocommit
    engine); their ids by channel and provider id. Once more on a new connection when the
    server had dropped the pooled one."""
    batch = {"batch": json.dumps(rows, ensure_ascii=False), "received_at": utcnow()}
    try:
        with engine.connect() as connection:
            return {(channel, provider_id): inbound_id for inbound_id, channel, provider_id
                    in connection.execute(INSERT_NEW[engine.dialect.name], batch)}
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


def announce_inbound(redis, inbound_ids: list[int]) -> None:
    """Tell the workers these inbound messages are stored (one Redis command for all)."""
    if inbound_ids:
        redis.rpush(ARRIVED, *inbound_ids)
