"""Where a message to a shop, a volunteer, a resident or the coordinator goes, and its words.

Long lists (a round, a packing list) are split at blank lines into parts that fit one
message each.
"""
from __future__ import annotations

from typing import NamedTuple

from dorpslijn.messages import Outgoing
from dorpslijn.words import say

MAX_CHARS = 1500
TEXT_CHANNELS = ("sms", "whatsapp", "telegram")


class Address(NamedTuple):
    """A channel and the phone number (E.164) or Telegram chat id on it."""

    channel: str
    to: str


def shop(shop) -> Address:
    """Where a shop gets its orders: its own channel."""
    return _on(shop.channel, shop.phone, shop.telegram_chat_id)


def volunteer(volunteer) -> Address:
    """A volunteer: Telegram when linked, else SMS."""
    return _on("telegram" if volunteer.telegram_chat_id else "sms", volunteer.phone, volunteer.telegram_chat_id)


def resident(resident, ordered_on: str | None = None) -> Address:
    """Where a resident hears from us: on the text channel they ordered by; after an order by phone
    or by the coordinator, or about no order, on the channel they wrote on last; by SMS when they
    never wrote, or cannot be reached on that channel (a Telegram chat no longer linked)."""
    channel = ordered_on if ordered_on in TEXT_CHANNELS else resident.wrote_on
    return _on(channel or "sms", resident.phone, resident.telegram_chat_id)


def coordinator(village) -> Address:
    """The village's coordinator gets alerts by SMS."""
    return Address("sms", village.coordinator_phone)


def _on(channel: str, phone: str, telegram_chat_id: str | None) -> Address:
    if channel == "telegram" and telegram_chat_id:
        return Address("telegram", telegram_chat_id)
    return Address("whatsapp" if channel == "whatsapp" else "sms", phone)


def message(address: Address, template: str, language: str = "nl", **values) -> Outgoing:
    """One message from a template."""
    return Outgoing(address.channel, address.to, say(template, language, **values), template=template)


def messages(address: Address, template: str, language: str = "nl", **values) -> list[Outgoing]:
    """A long template as one or more messages, split between its paragraphs."""
    return [Outgoing(address.channel, address.to, part, template=template)
            for part in split(say(template, language, **values))]


def split(text: str, limit: int = MAX_CHARS) -> list[str]:
    """The text in parts of at most `limit` characters, cut only at blank lines when possible."""
    parts: list[str] = []
    for paragraph in text.split("\n\n"):
        if parts and len(parts[-1]) + 2 + len(paragraph) <= limit:
            parts[-1] += "\n\n" + paragraph
        else:
            parts.extend(_cut(paragraph, limit))
    return parts


def _cut(paragraph: str, limit: int) -> list[str]:
    """A paragraph too long for one message, cut at line ends."""
    parts = [""]
    for line in paragraph.split("\n"):
        if parts[-1] and len(parts[-1]) + 1 + len(line) > limit:
            parts.append("")
        parts[-1] = f"{parts[-1]}\n{line}" if parts[-1] else line[:limit]
    return parts
