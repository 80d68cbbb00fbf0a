"""The outbox: every message to a person is a row first, and is sent from there."""
from __future__ import annotations

import logging

from sqlalchemy import select

from bots.messages import Outgoing
from bots.models import OutboundMessage
from orders.models import Resident

logger = logging.getLogger(__name__)

OPT_OUT_CODES = {21610}


def put_all(session, village_id: int, messages: list[Outgoing]) -> list[OutboundMessage]:
    """Queue messages; nothing goes to a number that asked us to stop."""
    stopped = _opted_out(session, village_id, {m.to for m in messages})
    rows = [OutboundMessage(village_id=village_id, channel=m.channel, to=m.to, body=m.body,
                            status="queued", extra=dict(m.extra))
            for m in messages if m.to and (m.to not in stopped or m.extra.get("despite_opt_out"))]
    session.add_all(rows)
    session.flush()
    return rows


def _opted_out(session, village_id: int, addresses: set[str]) -> set[str]:
    if not addresses:
        return set()
    residents = session.scalars(select(Resident).where(
        Resident.village_id == village_id, Resident.opted_out.is_(True),
        (Resident.phone.in_(addresses)) | (Resident.telegram_chat_id.in_(addresses))))
    return {a for r in residents for a in (r.phone, r.telegram_chat_id) if a}


def after_permanent_failure(session, message: OutboundMessage, failure) -> None:
    """A number that unsubscribed at the carrier (Twilio 21610) is treated as STOP."""
    if getattr(failure, "code", None) in OPT_OUT_CODES:
        for resident in session.scalars(select(Resident).where(
                Resident.village_id == message.village_id, Resident.phone == message.to)):
            resident.opted_out = True
            logger.info("resident %s unsubscribed at the carrier", resident.id)
