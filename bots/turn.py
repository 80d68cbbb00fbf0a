"""One step of a conversation: who is talking, for whom, where it stands, and what to answer.

A turn starts from an inbound message, or from the scheduler when Dorpslijn speaks first
(a reminder, a standing order read back before the cut-off).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from bots.states import State
from dorpslijn.messages import Outgoing
from dorpslijn.words import say
from messaging import sms_text
from messaging.models import Conversation
from orders import notices, tasks
from orders.calendar import TIMEZONE
from orders.models import Resident, Village

SMS_SEGMENTS = 2


@dataclass
class Turn:
    """One message being answered (or one message the scheduler sends)."""

    session: object
    village: Village
    conversation: Conversation
    resident: Resident | None
    channel: str
    address: str
    now: datetime
    text: str = ""
    media: tuple = ()
    carer: bool = False
    replies: list[Outgoing] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.conversation.language

    @property
    def state(self) -> str:
        return self.conversation.state

    @property
    def data(self) -> dict:
        return self.conversation.data or {}

    def remember(self, **values) -> None:
        """Keep values in the conversation for its next step (None forgets one)."""
        data = {**self.data, **values}
        self.conversation.data = {k: v for k, v in data.items() if v is not None}

    def reply(self, template: str, choices=None, despite_opt_out: bool = False, **values) -> None:
        """Answer the sender in their language on the channel they used."""
        body = self.fitted(template, **values)
        extra = {"choices": list(choices)} if choices else {}
        if despite_opt_out:
            extra["despite_opt_out"] = True
        self.replies.append(Outgoing(self.channel, self.address, body, extra, template))

    def fitted(self, template: str, **values) -> str:
        """The message, made briefer (`brief` 0 to 3) until an SMS fits two segments."""
        body = say(template, self.language, brief=0, **values)
        if self.channel != "sms":
            return body
        for brief in (1, 2, 3):
            if sms_text.segments(sms_text.for_sms(body)) <= SMS_SEGMENTS:
                break
            body = say(template, self.language, brief=brief, **values)
        return body

    def tell(self, channel: str, to: str, template: str, language: str = "nl", /, **values) -> None:
        """Send someone else (a shop, the coordinator, a contact person) a message."""
        if to:
            self.replies.append(Outgoing(channel, to, say(template, language, **values), template=template))

    def ask_coordinator(self, kind: str, template: str, /, said: str | None = None, about: str = "",
                        details=None, **values) -> None:
        """A task for the coordinator about the sender, keeping what they said (this message unless
        `said` is given), and a text to the coordinator.

        The subject is the sender (their phone, or a Telegram chat with no phone known), with
        `about` when the task is about one thing of theirs: an order, a photo, a message."""
        phone = self.address if self.channel != "telegram" else (self.resident.phone if self.resident else "")
        subject = " ".join(part for part in (phone or self.address, about) if part)
        self.replies += tasks.ask_coordinator(
            self.session, self.village, kind, template, phone=phone, resident=self.resident,
            said=self.text if said is None else said,
            about=subject, details={"channel": self.channel, "address": self.address, **(details or {})},
            channel=self.channel, carer=self.carer, **values)

    def greeting(self) -> str:
        """Goedemorgen, goedemiddag or goedenavond, with the resident's name when we know it."""
        name = self.resident.name if self.resident and not self.carer else ""
        return say("greeting", self.language, hour=self.now.astimezone(TIMEZONE).hour, who=name)


def address_of(resident: Resident, channel: str) -> str:
    """Where a resident is reached on a channel: the phone, or the Telegram chat."""
    return (resident.telegram_chat_id or "") if channel == "telegram" else resident.phone


def conversation_for(session, village_id: int, channel: str, address: str, language: str) -> Conversation:
    """The conversation of one phone or chat with a village, started when it is new."""
    conversation = session.scalar(select(Conversation).where(
        Conversation.village_id == village_id, Conversation.channel == channel,
        Conversation.address == address))
    if conversation is None:
        conversation = Conversation(village_id=village_id, channel=channel, address=address,
                                    state=State.IDLE, data={}, language=language)
        session.add(conversation)
    return conversation


def scheduled_turn(session, resident: Resident, now: datetime, channel: str | None = None,
                   address: str | None = None) -> Turn:
    """A turn in which Dorpslijn speaks first to a resident, where they hear from us (`notices.resident`),
    or to whoever placed their order (`address`, on the order's channel)."""
    if address is None:
        channel, address = notices.resident(resident, channel)
    carer = address != address_of(resident, channel)
    conversation = conversation_for(session, resident.village_id, channel, address, resident.language)
    return Turn(session, resident.village, conversation, resident, channel, address, now, carer=carer)
