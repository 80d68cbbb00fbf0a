"""Outbox messages to Telegram chats, sent with python-telegram-bot within the flood limits.

An outbox row's `extra` asks for a reply keyboard: `choices` (button labels, one per row) or
`ask_contact` (the button that shares the phone number, labelled in `extra["language"]`);
without either, any keyboard shown before is removed.
"""
from __future__ import annotations

from datetime import timedelta

from telegram import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove
from telegram.error import BadRequest, Forbidden, RetryAfter

from dorpslijn.redis_server import connect
from dorpslijn.words import say
from messaging import telegram_flood
from messaging.exceptions import BotBlocked, PermanentFailure, SendLater
from messaging.telegram_bot import call

FORBIDDEN = 403  # the HTTP status of a Bot API call to a chat that blocked the bot


class TelegramSender:
    """Sends one outbox message to its chat; LiveTransport hands it the `telegram` channel."""

    def __init__(self, settings):
        self.settings = settings

    def send(self, message) -> str:
        """Send the message; returns `chat:message_id`. Blocked bot: BotBlocked; 429: SendLater."""
        redis = connect(self.settings)
        telegram_flood.wait_turn(redis, message.to)
        markup = keyboard(message.extra or {})
        try:
            sent = call(self.settings, lambda bot: bot.send_message(chat_id=message.to, text=message.body,
                                                                    reply_markup=markup))
        except RetryAfter as exc:
            seconds = _seconds(exc.retry_after)
            telegram_flood.pause(redis, seconds)
            raise SendLater(seconds) from exc
        except Forbidden as exc:  # the user blocked the bot
            raise BotBlocked(f"telegram: {exc.message}", code=FORBIDDEN) from exc
        except BadRequest as exc:
            raise PermanentFailure(f"telegram: {exc.message}") from exc
        return f"{sent.chat_id}:{sent.message_id}"


def keyboard(extra: dict):
    """The reply keyboard a message asks for: its choices, the contact button, or none at all."""
    if extra.get("choices"):
        return ReplyKeyboardMarkup([[KeyboardButton(str(choice))] for choice in extra["choices"]],
                                   resize_keyboard=True, one_time_keyboard=True)
    if extra.get("ask_contact"):
        label = say("telegram_contact_button", extra.get("language", "nl"))
        return ReplyKeyboardMarkup([[KeyboardButton(label, request_contact=True)]],
                                   resize_keyboard=True, one_time_keyboard=True)
    return ReplyKeyboardRemove()


def _seconds(retry_after) -> float:
    """RetryAfter's wait in seconds (an int, or a timedelta when PTB_TIMEDELTA is set)."""
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)
