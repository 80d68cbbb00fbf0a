"""The jobs workers run. Each takes ids, opens its own session, and is safe to run twice."""
from __future__ import annotations

import logging

from sqlalchemy import select, update

from bots import inbox, outbox
from bots.models import InboundMessage, OutboundMessage
from bots.transport import PermanentFailure, SendLater, transport_for
from dorpslijn.config import load_settings
from dorpslijn.db import session_scope, utcnow
from dorpslijn.messages import Inbound
from dorpslijn.redis_server import connect
from worker.queues import enqueue_send, enqueue_send_later

logger = logging.getLogger(__name__)

SENDER_LOCK_SECONDS = 120


def handle_inbound(inbound_id: int) -> None:
    """Answer a stored inbound message, and every earlier one of the same sender, in order.

    One sender's messages are handled one at a time: a Redis lock per sender, then the
    sender's unhandled messages oldest first, each in its own transaction.
    """
    settings = load_settings()
    with session_scope(settings.database_url) as session:
        message = session.get(InboundMessage, inbound_id)
        if message is None or message.handled_at is not None:
            return
        key = f"dorpslijn:sender:{message.village_id}:{message.sender}"
    redis = connect(settings)
    with redis.lock(key, timeout=SENDER_LOCK_SECONDS, blocking_timeout=SENDER_LOCK_SECONDS):
        while (sent := _handle_oldest(settings, inbound_id)) is not None:
            enqueue_send(redis, sent)


def _handle_oldest(settings, inbound_id: int) -> list[int] | None:
    """Handle the sender's oldest unhandled message; the outbox ids it made, or None when done."""
    with session_scope(settings.database_url) as session:
        first = session.get(InboundMessage, inbound_id)
        message = session.scalar(
            select(InboundMessage).where(
                InboundMessage.village_id == first.village_id, InboundMessage.sender == first.sender,
                InboundMessage.handled_at.is_(None))
            .order_by(InboundMessage.id).limit(1).with_for_update())
        if message is None:
            return None
        inbound = Inbound(village_id=message.village_id, channel=message.channel, sender=message.sender,
                          text=message.body, received_at=message.received_at,
                          media=tuple(message.media or ()), inbound_id=message.id)
        replies = inbox.handle(session, inbound, settings.now())
        message.handled_at = utcnow()
        return [row.id for row in outbox.put_all(session, message.village_id, replies)]


def send_outbound(message_id: int) -> None:
    """Send one outbox message once; a transient failure raises so that RQ retries it."""
    settings = load_settings()
    with session_scope(settings.database_url) as session:
        claimed = session.execute(
            update(OutboundMessage).where(OutboundMessage.id == message_id,
                                          OutboundMessage.status.in_(("queued", "retrying")))
            .values(status="sending", attempts=OutboundMessage.attempts + 1)).rowcount
    if not claimed:
        return
    with session_scope(settings.database_url) as session:
        message = session.get(OutboundMessage, message_id)
        try:
            message.provider_id = transport_for(settings).send(session, message)
        except PermanentFailure as failure:
            message.status, message.error = "failed", str(failure)
            instead = [row.id for row in outbox.after_permanent_failure(session, message, failure)]
            session.commit()
            enqueue_send(connect(settings), instead)
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
