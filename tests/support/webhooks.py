"""Posting to the app's signed Twilio webhooks as Twilio would, and a phone that texts through them."""
from __future__ import annotations

import os

from twilio.request_validator import RequestValidator

from tests.support.people import VILLAGE_PHONE


class Phone:
    """A phone that texts the village through the real, signed Twilio webhook."""

    def __init__(self, client, settings, number, channel="sms", to=VILLAGE_PHONE):
        self.client, self.settings, self.number, self.channel, self.to = client, settings, number, channel, to
        self.sent = 0

    def text(self, body, sid=None, **extra):
        self.sent += 1
        prefix = "whatsapp:" if self.channel == "whatsapp" else ""
        form = {"MessageSid": sid or f"SM{self.number[1:]}{self.sent:04d}{os.urandom(4).hex()}",
                "From": prefix + self.number, "To": prefix + self.to, "Body": body, "NumMedia": "0", **extra}
        return signed_post(self.client, self.settings, "/twilio/messages", form)


def signed_post(client, settings, path, form, signature=None):
    """POST a form to the app as Twilio would, signed with the configured auth token."""
    url = settings.public_base_url + path
    signature = signature or RequestValidator(settings.twilio_auth_token).compute_signature(url, form)
    return client.post(path, data=form, headers={"X-Twilio-Signature": signature})
