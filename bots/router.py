"""Who sent a message decides who answers it: a shop, a volunteer, or a resident's conversation.

A shop's number is the shop even when it writes like a resident (CONTRACT section 6).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bots import conversation, shop_replies, telegram_chats, too_long, volunteer_replies
from dorpslijn.messages import Inbound, Outgoing
from orders.models import Shop, Volunteer


def handle(session, inbound: Inbound, now: datetime) -> list[Outgoing]:
    """Answer one inbound message; what to send goes back as Outgoing messages."""
    if inbound.channel == "telegram":
        return telegram_chats.handle(session, inbound, now, route)
    return route(session, inbound, now)


def route(session, inbound: Inbound, now: datetime) -> list[Outgoing]:
    """The answer of whoever sent the message: a shop, a volunteer, or a resident's conversation."""
    found = _shop_or_volunteer(session, inbound)
    if found is None:
        return conversation.handle(session, inbound, now)
    sender, handler = found
    return _too_long(session, sender, inbound, now) or handler(session, sender, inbound, now)


def too_slow(session, inbound: Inbound, now: datetime) -> list[Outgoing]:
    """A message whose answer ran over its time budget: the sender hears a person will look at it,
    and the coordinator gets it as a task, with the shop's or volunteer's name when it is theirs."""
    found = _shop_or_volunteer(session, inbound)
    turn = conversation.sender_turn(session, inbound, now)
    turn.reply("sorry")
    turn.ask_coordinator("too_slow", "coordinator_too_slow", about=turn.text,
                         sender=found[0].name if found else "", details={"inbound_id": inbound.inbound_id})
    return turn.replies


def _shop_or_volunteer(session, inbound: Inbound):
    """The shop or volunteer who sent the message, with the handler of their answers; None for anyone else."""
    column = "telegram_chat_id" if inbound.channel == "telegram" else "phone"
    for model, handler in HANDLERS:
        sender = session.scalar(select(model).where(model.village_id == inbound.village_id,
                                                    getattr(model, column) == inbound.sender))
        if sender is not None:
            return sender, handler
    return None


def _too_long(session, sender, inbound: Inbound, now: datetime) -> list[Outgoing]:
    """A shop's or volunteer's message longer than an answer: they hear so, the coordinator reads it."""
    if len(inbound.text or "") <= too_long.SHOP_OR_VOLUNTEER:
        return []
    turn = conversation.sender_turn(session, inbound, now)
    too_long.answer(turn, sender=sender.name)
    return turn.replies


HANDLERS = ((Shop, shop_replies.handle), (Volunteer, volunteer_replies.handle))
