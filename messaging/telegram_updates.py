"""Telegram Updates: the one way an Update is stored and queued.

The webhook (web/webhooks/telegram.py) checks the secret header, then stores the Update's message (unique on its
`update_id`) and queues it, as the Twilio webhook does; `dorpslijn telegram poll` hands the
Updates it fetches to the same `receive`. The sender is the chat id.

Which village: the one this installation's bot serves, named by `TELEGRAM_VILLAGE` (a slug),
or the only village when the installation has one. When villages get bots of their own, each
bot's webhook gets its own secret, and `village_id_for_bot` is the one place that maps it.
"""
from __future__ import annotations

import logging

from sqlalchemy import select

from messaging.inbox import store_and_queue
from messaging.telegram_bot import bot_id
from orders.models import Village

logger = logging.getLogger(__name__)

COMMANDS = {"/start": "HULP", "/help": "HULP"}  # Telegram's own commands, as our words
MEDIA = {"voice": "audio/ogg", "audio": "audio/mpeg", "document": "application/octet-stream"}


def receive(session, redis, settings, update: dict) -> int | None:
    """Store and queue the message an Update carries; None when it has none or came before."""
    update_id, message = update.get("update_id"), update.get("message")
    chat = message.get("chat") if isinstance(message, dict) else None
    village_id = village_id_for_bot(session, settings)
    if not isinstance(update_id, int) or not isinstance(chat, dict) or "id" not in chat or village_id is None:
        logger.info("ignored Telegram update %r (village %s)", update_id, village_id)
        return None
    return store_and_queue(
        settings.database_url, redis, village_id=village_id, channel="telegram", provider_id=str(update_id),
        sender=str(chat["id"]), recipient=bot_id(settings), body=_text(message), media=_media(message),
        extra=_extra(message))


def village_id_for_bot(session, settings) -> int | None:
    """The village this installation's bot serves: TELEGRAM_VILLAGE, or the only village."""
    if settings.telegram_village:
        return session.scalar(select(Village.id).where(Village.slug == settings.telegram_village))
    villages = session.scalars(select(Village.id).limit(2)).all()
    return villages[0] if len(villages) == 1 else None


def _text(message: dict) -> str:
    """What the person wrote; Telegram's /start and /help ask for our menu."""
    text = str(message.get("text") or message.get("caption") or "")
    command = text.split(maxsplit=1)[0].partition("@")[0].lower() if text.startswith("/") else ""
    return COMMANDS.get(command, text)


def _media(message: dict) -> list[dict]:
    """Voice notes, audio, files and photos, by their Telegram file id (fetched with getFile)."""
    found = [{"type": message[kind].get("mime_type") or default, "telegram_file_id": message[kind]["file_id"]}
             for kind, default in MEDIA.items() if isinstance(message.get(kind), dict) and "file_id" in message[kind]]
    photos = [p for p in message.get("photo") or () if isinstance(p, dict) and "file_id" in p]
    if photos:
        found.append({"type": "image/jpeg", "telegram_file_id": photos[-1]["file_id"]})
    return found


def _extra(message: dict) -> dict:
    """Who wrote (Telegram user id, language, first name) and a shared contact, when there is one."""
    user = message.get("from") if isinstance(message.get("from"), dict) else {}
    extra = {"from_id": user.get("id"), "language_code": user.get("language_code"),
             "first_name": user.get("first_name")}
    contact = message.get("contact")
    if isinstance(contact, dict):
        extra["contact"] = {"phone_number": str(contact.get("phone_number", "")), "user_id": contact.get("user_id")}
    return {key: value for key, value in extra.items() if value is not None}
