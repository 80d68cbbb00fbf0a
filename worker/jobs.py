"""The jobs workers run besides sending (worker/sending.py), with the functions that queue
them. Each takes ids, opens its own session, and is safe to run twice.

Inbound messages come the cheap way: a webhook announces the ids it stored on a Redis list
(messaging/inbox.py), one command for many, and each worker relays them onto the inbound queue
as RQ jobs. Making a job costs more than storing the message, and the webhook must answer fast.
"""
from __future__ import annotations

import logging

from rq import Queue
from sqlalchemy import select

from bots import floods, router
from dorpslijn.config import load_settings
from dorpslijn.db import session_scope, take_write_lock, utcnow
from dorpslijn.messages import Inbound
from dorpslijn.redis_server import connect
from ivr import calls
from ivr.models import VoiceCall
from messaging import outbox
from messaging.inbox import ARRIVED
from messaging.models import InboundMessage
from worker.budget import OverBudget, budget
from worker.locks import held_while_alive
from worker.queues import INBOUND, queue
from worker.sending import commit_and_send

RELAY_BATCH = 500

logger = logging.getLogger(__name__)


def handle_inbound(inbound_id: int) -> None:
    """Answer a stored inbound message, and every earlier one of the same sender, in order.

    One sender's messages are handled one at a time, oldest first, each in its own transaction,
    by whichever job holds the sender's lock (worker/locks.py: it expires seconds after its
    holder dies). A job that finds the sender busy returns at once instead of waiting: the
    holder looks again after letting go, so this message is answered by it or by the next
    holder; one whose holder died is queued again by the scheduler's sweep.
    """
    settings = load_settings()
    with session_scope(settings.database_url) as session:
        message = session.get(InboundMessage, inbound_id)
        if message is None or message.handled_at is not None:
            return
        key = f"dorpslijn:sender:{message.village_id}:{message.sender}"
    redis = connect(settings)
    while _unhandled(settings, inbound_id):
        with held_while_alive(redis, key, settings.lock_seconds) as held:
            if not held:
                logger.info("inbound message %s: its sender is being answered by another job", inbound_id)
                return
            while _handle_oldest(settings, redis, inbound_id):
                pass


def _unhandled(settings, inbound_id: int) -> bool:
    """Whether the sender of this message has any message not yet handled."""
    with session_scope(settings.database_url) as session:
        return session.scalar(_oldest_unhandled(session.get(InboundMessage, inbound_id))) is not None


def _oldest_unhandled(first: InboundMessage):
    """The query for the oldest message not yet handled from the sender of `first`."""
    return (select(InboundMessage).where(
        InboundMessage.village_id == first.village_id, InboundMessage.sender == first.sender,
        InboundMessage.handled_at.is_(None)).order_by(InboundMessage.id).limit(1))


def _handle_oldest(settings, redis, inbound_id: int) -> bool:
    """Handle the sender's oldest unhandled message (unanswered when it floods or loops,
    bots/floods.py), and have its replies sent; False when none was left.

    A message whose answer runs over its time budget (`DORPSLIJN_MESSAGE_SECONDS`) is rolled
    back and given to the coordinator instead, so that one message never holds a worker.
    """
    try:
        return _handle_oldest_once(settings, redis, inbound_id, slow=False)
    except OverBudget:  # its transaction was rolled back
        logger.warning("an inbound message of the sender of %s ran over its budget of %s s; given to the coordinator",
                       inbound_id, settings.message_seconds)
    return _handle_oldest_once(settings, redis, inbound_id, slow=True)


def _handle_oldest_once(settings, redis, inbound_id: int, slow: bool) -> bool:
    """Answer the sender's oldest unhandled message in one transaction, or (`slow`) hand it over."""
    with session_scope(settings.database_url) as session:
        take_write_lock(session)
        message = session.scalar(_oldest_unhandled(session.get(InboundMessage, inbound_id)).with_for_update())
        if message is None:
            return False
        inbound = Inbound(village_id=message.village_id, channel=message.channel, sender=message.sender,
                          text=message.body, received_at=message.received_at,
                          media=tuple(message.media or ()), inbound_id=message.id)
        if slow:
            replies = router.too_slow(session, inbound, settings.now())
        elif (replies := floods.hold_back(session, redis, message, settings.now(),
                                          settings.inbound_per_minute)) is None:
            with budget(settings.message_seconds):
                replies = router.handle(session, inbound, settings.now())
        message.handled_at = utcnow()
        outbox.put_all(session, message.village_id, replies)
        commit_and_send(session, redis)
        return True


def place_call(call_id: int) -> None:
    """Make a weekly call the scheduler planned, once."""
    settings = load_settings()
    with session_scope(settings.database_url) as session:
        record = session.get(VoiceCall, call_id)
        if record is None or record.status:
            return
        outbox.put_all(session, record.village_id, calls.place(session, settings, record))
        commit_and_send(session, connect(settings))


def relay_arrived(redis, wait_seconds: float = 0) -> int:
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
            Queue.prepare_data(handle_inbound, (inbound_id,), job_id=f"inbound-{inbound_id}")
            for inbound_id in inbound_ids])
