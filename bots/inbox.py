"""Who sent a message decides who answers it: a shop, a volunteer, or a resident's conversation.

A shop's number is the shop even when it writes like a resident (CONTRACT section 6).
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bots import conversation, telegram_chats, too_long
from bots.turn import Turn, conversation_for
from dorpslijn.messages import Inbound, Outgoing
from orders.models import Shop, Village, Volunteer


def handle(session, inbound: Inbound, now: datetime) -> list[Outgoing]:
    """Answer one inbound message; what to send goes back as Outgoing messages."""
    if inbound.channel == "telegram":
        return telegram_chats.handle(session, inbound, now, route)
    return route(session, inbound, now)


def route(session, inbound: Inbound, now: datetime) -> list[Outgoing]:
    """The answer of whoever sent the message: a shop, a volunteer, or a resident's conversation."""
    column = "telegram_chat_id" if inbound.channel == "telegram" else "phone"
    for model, handler in HANDLERS:
        sender = session.scalar(select(model).where(model.village_id == inbound.village_id,
                                                    getattr(model, column) == inbound.sender))
        if sender is not None:
            return _too_long(session, sender, inbound, now) or handler(session, sender, inbound, now)
    return conversation.handle(session, inbound, now)


def _too_long(session, sender, inbound: Inbound, now: datetime) -> list[Outgoing]:
    """A shop's or volunteer's message longer than an answer: they hear so, the coordinator reads it."""
    if len(inbound.text or "") <= too_long.SHOP_OR_VOLUNTEER:
        return []
    village = session.get(Village, inbound.village_id)
    conversation = conversation_for(session, village.id, inbound.channel, inbound.sender, village.language)
    turn = Turn(session, village, conversation, None, inbound.channel, inbound.sender, now, text=inbound.text)
    too_long.handled(turn, too_long.SHOP_OR_VOLUNTEER, sender=sender.name)
    return turn.replies


def _shop(session, shop, inbound, now):
    from bots import shop_replies
    return shop_replies.handle(session, shop, inbound, now)


def _volunteer(session, volunteer, inbound, now):
    from bots import volunteer_replies
    return volunteer_replies.handle(session, volunteer, inbound, now)


HANDLERS = ((Shop, _shop), (Volunteer, _volunteer))
