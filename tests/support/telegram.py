"""Telegram chats that post to the real webhook, and the outbox rows sent to a chat."""
from __future__ import annotations

import itertools

from sqlalchemy import select

from dorpslijn.db import session_scope
from messaging.models import OutboundMessage

TRUUS_CHAT = "7001"
STRANGER_CHAT = "7002"
_update_ids = itertools.count(500_000)


class StandingClock:
    """A clock that stands still until a wait moves it on, at once; it keeps the waits."""

    def __init__(self, now: float):
        self.now, self.waits = now, []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.waits.append(seconds)
        self.now += seconds


class Chat:
    """A person's Telegram chat with the village's bot: each message an Update to the webhook."""

    def __init__(self, client, settings, chat_id, language="nl"):
        self.client, self.settings, self.chat_id, self.language = client, settings, chat_id, language

    def send(self, update_id=None, secret=None, **fields):
        """Post one Update carrying a message with `fields`; returns the webhook's response."""
        update = {"update_id": update_id or next(_update_ids), "message": {
            "message_id": next(_update_ids), "date": 1_700_000_000,
            "chat": {"id": int(self.chat_id), "type": "private", "first_name": "Truus"},
            "from": {"id": int(self.chat_id), "is_bot": False, "first_name": "Truus",
                     "language_code": self.language},
            **fields}}
        secret = self.settings.telegram_webhook_secret if secret is None else secret
        return self.client.post("/telegram/webhook", json=update,
                                headers={"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {})

    def text(self, body, **kwargs):
        return self.send(text=body, **kwargs)

    def share_contact(self, phone, user_id=None):
        """The contact button: Telegram sends the number, often without its +."""
        user_id = int(self.chat_id) if user_id is None else user_id
        return self.send(contact={"phone_number": phone, "first_name": "Truus", "user_id": user_id})


def outbox_rows(settings, to):
    """The outbox rows to one chat, with their `extra`, oldest first."""
    with session_scope(settings.database_url) as session:
        return [{"channel": m.channel, "to": m.to, "body": m.body, "status": m.status, "extra": m.extra,
                 "attempts": m.attempts, "error": m.error, "template": m.template}
                for m in session.scalars(select(OutboundMessage).where(OutboundMessage.to == to)
                                         .order_by(OutboundMessage.id))]
