"""The jobs workers run. Each takes ids, opens its own session, and is safe to run twice."""
from __future__ import annotations

import logging

from sqlalchemy import select, update

from bots import floods, router
from messaging import outbox
from messaging.models import InboundMessage, OutboundMessage
from messaging.exceptions import PermanentFailure, SendLater
from messaging.transport import transport_for
from dorpslijn.config import load_settings
from dorpslijn.db import session_scope, take_write_lock, utcnow
from dorpslijn.messages import Inbound
from dorpslijn.redis_server import connect
from ivr import calls
from ivr.models import VoiceCall
from worker.budget import OverBudget, budget
from worker.locks import held_while_alive
from worker.queues import commit_and_send, enqueue_send_later

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


def place_call(call_id: int) -> None:
    """Make a weekly call the scheduler planned, once."""
    settings = load_settings()
    with session_scope(settings.database_url) as session:
        record = session.get(VoiceCall, call_id)
        if record is None or record.status:
            return
        outbox.put_all(session, record.village_id, calls.place(session, settings, record))
        commit_and_send(session, connect(settings))
