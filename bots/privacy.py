"""The messages' part of a privacy request (see orders/privacy.py): every message in and out,
the conversations, and the STOP and START history.

Erasing blanks the person's own messages (the rows stay, so counts and budgets add up), cancels
what still waits to be sent to them, forgets their conversations, and wipes their number, name
and address from the messages other people got about them (a round, the coordinator's alerts).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select, update

from dorpslijn.db import json_filled
from messaging.models import Conversation, InboundMessage, OutboundMessage
from orders.keywords import command
from orders.privacy import Subject

NOT_SENT_YET = ("queued", "retrying")
OPT_OUT_WORDS = ("stop", "start")
QUOTED, SHORTEST_QUOTE = 300, 8  # alerts quote the first 300 characters; shorter than 8 is a common word


def export(session, subject: Subject) -> dict:
    """Every message from and to the person, oldest first, their conversations and opt-out history."""
    inbound = _scoped(session, select(InboundMessage).where(InboundMessage.sender.in_(subject.addresses)),
                      InboundMessage, subject)
    outbound = _scoped(session, select(OutboundMessage).where(OutboundMessage.to.in_(subject.addresses)),
                       OutboundMessage, subject)
    messages = [_in(m) for m in inbound] + [_out(m) for m in outbound]
    conversations = _conversations(session, subject)
    return {
        "messages": sorted(messages, key=lambda m: m["at"]),
        "conversations": [{"channel": c.channel, "address": c.address, "state": c.state, "data": c.data,
                           "language": c.language, "last_message_at": _iso(c.last_inbound_at)}
                          for c in conversations],
        "opt_out_history": [{"at": _iso(m.received_at), "word": command(m.body), "channel": m.channel}
                            for m in inbound if command(m.body) in OPT_OUT_WORDS],
    }


def erase(session, subject: Subject, now: datetime) -> dict:
    """Blank the person's messages, cancel what waits for them, wipe them from others' messages."""
    inbound = _scoped(session, select(InboundMessage).where(InboundMessage.sender.in_(subject.addresses)),
                      InboundMessage, subject)
    quoted = {m.body[:QUOTED].strip() for m in inbound if len(m.body.strip()) >= SHORTEST_QUOTE}
    for message in inbound:
        message.sender, message.body, message.media, message.extra = "", "", [], {}
        message.handled_at = message.handled_at or now
    outbound = _scoped(session, select(OutboundMessage).where(OutboundMessage.to.in_(subject.addresses)),
                       OutboundMessage, subject)
    cancelled = 0
    for message in outbound:
        if message.status in NOT_SENT_YET:
            message.status, cancelled = "cancelled", cancelled + 1
        message.to, message.body, message.extra, message.error = "", "", {}, ""
    conversations = _conversations(session, subject)
    for conversation in conversations:
        session.delete(conversation)
    return {"messages_in": len(inbound), "messages_out": len(outbound), "not_sent_cancelled": cancelled,
            "conversations": len(conversations), "others_messages_redacted": _redact_others(session, subject, quoted)}


def forget_old(session, before: datetime) -> dict:
    """Retention: what was said in messages older than `before` is blanked; the rows stay."""
    inbound = session.execute(update(InboundMessage).where(
        InboundMessage.received_at < before, InboundMessage.handled_at.is_not(None),
        or_(InboundMessage.body != "", json_filled(InboundMessage.media), json_filled(InboundMessage.extra)))
        .values(body="", media=[], extra={})).rowcount
    outbound = session.execute(update(OutboundMessage).where(
        OutboundMessage.created_at < before, OutboundMessage.status.not_in(NOT_SENT_YET),
        OutboundMessage.body != "").values(body="", extra={}, error="")).rowcount
    quiet = session.scalars(select(Conversation).where(Conversation.last_inbound_at < before,
                                                       json_filled(Conversation.data)))
    conversations = 0
    for conversation in quiet:  # a STOP is kept: it must keep working
        conversation.data = {"opted_out": True} if conversation.data.get("opted_out") else {}
        conversations += 1
    return {"messages_in_blanked": inbound, "messages_out_blanked": outbound, "conversations_forgotten": conversations}


def _redact_others(session, subject: Subject, quoted: set[str]) -> int:
    """Messages to and from other people that name this person, or quote them (an alert to the
    coordinator), keep their other words."""
    changed = 0
    for model in (OutboundMessage, InboundMessage):
        mentioning = select(model).where(subject.mentioned_in(model.body, quoted))
        for message in _scoped(session, mentioning, model, subject):
            body = subject.redact(message.body, quoted)
            if body != message.body:
                message.body, changed = body, changed + 1
    return changed


def _conversations(session, subject: Subject) -> list[Conversation]:
    query = select(Conversation).where(Conversation.address.in_(subject.addresses))
    return _scoped(session, query, Conversation, subject)


def _scoped(session, query, model, subject: Subject) -> list:
    """The rows of the query, in the subject's village when it names one, oldest first."""
    if subject.village_id:
        query = query.where(model.village_id == subject.village_id)
    return list(session.scalars(query.order_by(model.id)))


def _in(message: InboundMessage) -> dict:
    return {"direction": "in", "channel": message.channel, "from": message.sender, "body": message.body,
            "media": message.media, "at": _iso(message.received_at)}


def _out(message: OutboundMessage) -> dict:
    return {"direction": "out", "channel": message.channel, "to": message.to, "body": message.body,
            "status": message.status, "at": _iso(message.created_at), "sent_at": _iso(message.sent_at)}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
