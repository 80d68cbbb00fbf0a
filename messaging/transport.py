"""How an outbox message leaves: recorded only (console), or sent through Twilio / Telegram."""
from __future__ import annotations

import json
import logging
from datetime import timedelta

from sqlalchemy import select
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from messaging import sms_text
from messaging.exceptions import PermanentFailure, Unsubscribed
from messaging.models import Conversation
from messaging.telegram_sender import TelegramSender
from orders.models import Village

logger = logging.getLogger(__name__)

WHATSAPP_WINDOW = timedelta(hours=24)

# Twilio errors that no retry will mend: invalid or unreachable numbers, and one unsubscribed.
PERMANENT_TWILIO_CODES = {21211, 21408, 21612, 21614, 63003, 63016}
UNSUBSCRIBED_TWILIO_CODE = 21610


class ConsoleTransport:
    """Records messages for the simulator and sends nothing."""

    def send(self, session, message) -> str:
        """Nothing leaves the machine; the message stays in the outbox for the simulator."""
        return f"console-{message.id}"


class LiveTransport:
    """Sends SMS and WhatsApp through Twilio's REST API, and Telegram messages with its Bot API."""

    def __init__(self, settings):
        self.settings = settings
        self.telegram = TelegramSender(settings)
        self.twilio = Client(settings.twilio_account_sid, settings.twilio_auth_token)
        if settings.twilio_api_base:
            self.twilio.api.base_url = settings.twilio_api_base

    def send(self, session, message) -> str:
        """Send one outbox message; returns the provider's id for it."""
        if message.channel == "telegram":
            return self.telegram.send(message)
        if message.channel not in ("sms", "whatsapp"):
            raise PermanentFailure(f"no live transport for channel {message.channel}")
        village = session.get(Village, message.village_id)
        if message.channel == "sms":
            return self._create(message.to, village.phone, body=sms_text.for_sms(message.body))
        whatsapp = "whatsapp:" + (village.whatsapp or village.phone)
        if whatsapp_window_open(session, message, self.settings.now()):
            return self._create("whatsapp:" + message.to, whatsapp, body=message.body)
        if self.settings.whatsapp_content_sid:
            variables = json.dumps({"1": " | ".join(line for line in message.body.splitlines() if line.strip())})
            return self._create("whatsapp:" + message.to, whatsapp, content_sid=self.settings.whatsapp_content_sid,
                                content_variables=variables)
        message.extra = {**(message.extra or {}), "sent_as": "sms"}
        return self._create(message.to, village.phone, body=sms_text.for_sms(message.body))

    def _create(self, to: str, from_: str, **content) -> str:
        """One message through Twilio; errors no retry will mend become PermanentFailure."""
        try:
            sent = self.twilio.messages.create(
                to=to, from_=from_, status_callback=f"{self.settings.public_base_url}/twilio/status", **content)
        except TwilioRestException as exc:
            if exc.code == UNSUBSCRIBED_TWILIO_CODE:
                raise Unsubscribed(exc.msg, exc.code) from exc
            if exc.code in PERMANENT_TWILIO_CODES:
                raise PermanentFailure(exc.msg, exc.code) from exc
            raise
        return sent.sid


def whatsapp_window_open(session, message, now) -> bool:
    """Whether the person wrote on WhatsApp in the last 24 hours, so a free-form reply may go."""
    last = session.scalar(select(Conversation.last_inbound_at).where(
        Conversation.village_id == message.village_id, Conversation.channel == "whatsapp",
        Conversation.address == message.to))
    return last is not None and now - last < WHATSAPP_WINDOW


def transport_for(settings):
    """The transport these settings ask for."""
    return ConsoleTransport() if settings.console else LiveTransport(settings)
