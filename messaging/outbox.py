"""The outbox: every message to a person is a row first, and is sent from there.

The session remembers the rows it put, so that whoever commits it has them sent
(worker/sending.py `commit_and_send`); a rollback forgets them with the rows.
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from dorpslijn.config import load_settings
from dorpslijn.db import utcnow
from dorpslijn.messages import Outgoing
from messaging import sending_caps
from messaging.exceptions import BotBlocked, Unsubscribed
from messaging.models import OutboundMessage
from orders.models import Resident, Shop, Village, Volunteer

logger = logging.getLogger(__name__)

PUT = "outbox_put"  # session.info: ids of the rows put and not yet handed to the sender


def put_all(session, village_id: int, messages: list[Outgoing], now: datetime | None = None) -> list[OutboundMessage]:
    """Queue messages; nothing goes to a number that asked us to stop, and a message past a
    sending cap is kept unsent, "held" (messaging/sending_caps.py), with a word to the coordinator."""
    now = now or utcnow()
    stopped = _opted_out(session, village_id, {m.to for m in messages})
    rows = [OutboundMessage(village_id=village_id, channel=m.channel, to=m.to, body=m.body,
                            template=m.template, status="queued", extra=dict(m.extra), created_at=now)
            for m in messages if m.to and (m.to not in stopped or m.extra.get("despite_opt_out"))]
    notices = sending_caps.hold_back(session, session.get(Village, village_id), rows, load_settings(), now)
    session.add_all(rows)
    session.flush()
    session.info.setdefault(PUT, []).extend(row.id for row in rows)
    return rows + (put_all(session, village_id, notices, now) if notices else [])


def take_put(session) -> list[int]:
    """The ids of the rows this session put since the last take, handed over once."""
    return session.info.pop(PUT, [])


@event.listens_for(Session, "after_rollback")
def _forget_put(session) -> None:
    session.info.pop(PUT, None)


def _opted_out(session, village_id: int, addresses: set[str]) -> set[str]:
    if not addresses:
        return set()
    residents = session.scalars(select(Resident).where(
        Resident.village_id == village_id, Resident.opted_out.is_(True),
        (Resident.phone.in_(addresses)) | (Resident.telegram_chat_id.in_(addresses))))
    return {a for r in residents for a in (r.phone, r.telegram_chat_id) if a}


def after_permanent_failure(session, message: OutboundMessage, failure) -> list[OutboundMessage]:
    """What a message that can never be delivered changes; the messages to send instead.

    A number that unsubscribed at the carrier (Twilio 21610) is treated as STOP. A Telegram
    chat that blocked the bot is unlinked and the message goes by SMS instead: a resident may
    not remember the tap, and a confirmation or a closed-door question must still reach them
    (STOP by text still stops everything).
    """
    if isinstance(failure, Unsubscribed):
        for resident in session.scalars(select(Resident).where(
                Resident.village_id == message.village_id, Resident.phone == message.to)):
            resident.opted_out = True
            logger.info("resident %s unsubscribed at the carrier", resident.id)
    if isinstance(failure, BotBlocked):
        return _by_sms_instead(session, message)
    return []


def _by_sms_instead(session, message: OutboundMessage) -> list[OutboundMessage]:
    phones = []
    for model in (Resident, Shop, Volunteer):
        for person in session.scalars(select(model).where(model.village_id == message.village_id,
                                                          model.telegram_chat_id == message.to)):
            person.telegram_chat_id = None
            phones.append(person.phone)
            logger.info("Telegram chat %s blocked the bot; %s %s gets texts instead", message.to,
                        model.__name__.lower(), person.id)
    return put_all(session, message.village_id, [Outgoing("sms", phone, message.body, template=message.template)
                                                    for phone in phones[:1]])
