"""Why a message could not be sent now, as the transports raise it and the sender job reads it.

A `PermanentFailure` is never retried; its kinds say what it changes besides (a number that
unsubscribed at the carrier is treated as STOP, a chat that blocked the bot gets texts instead).
`SendLater` is a provider asking us to wait.
"""
from __future__ import annotations


class DeliveryError(Exception):
    """A message that did not leave."""


class PermanentFailure(DeliveryError):
    """The message can never be delivered as it is; it must not be retried. Its text starts
    with the provider's error code when there is one, as Twilio's status callbacks are kept."""

    def __init__(self, message: str, code: int | None = None):
        super().__init__(f"{code} {message}" if code else message)
        self.code = code


class Unsubscribed(PermanentFailure):
    """The number unsubscribed at the carrier (Twilio 21610): as good as STOP."""


class BotBlocked(PermanentFailure):
    """The Telegram chat blocked the bot: the person is reached by SMS instead."""


class SendLater(DeliveryError):
    """The provider asks us to wait (flood control); the message is sent again after `seconds`."""

    def __init__(self, seconds: float):
        super().__init__(f"sent again in {seconds:.0f} seconds")
        self.seconds = seconds
