"""A phone that calls the village through the real, signed voice webhooks, as Twilio would.

Each answer is parsed with ElementTree; the next request goes to the action the last answer
named, so a test walks the menu exactly as Twilio does.
"""
from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET

from tests.support.people import VILLAGE_PHONE
from tests.support.webhooks import signed_post


class Answer:
    """One TwiML answer: what is said, what is asked, where the answer goes."""

    def __init__(self, response, base):
        assert response.status_code == 200, response.status_code
        assert response.mimetype == "text/xml"
        self.root = ET.fromstring(response.data)
        self.base = base

    @property
    def said(self) -> list[str]:
        return [say.text for say in self.root.iter("Say")]

    @property
    def text(self) -> str:
        return "\n".join(self.said)

    @property
    def gather(self):
        return self.root.find("Gather")

    @property
    def record(self):
        return self.root.find("Record")

    @property
    def hung_up(self) -> bool:
        return self.root.find("Hangup") is not None

    def path(self, element) -> str:
        url = element.get("action") if element.tag != "Redirect" else element.text
        assert url.startswith(self.base), url
        return url[len(self.base):]


class Caller:
    """One call from `number` to the village."""

    def __init__(self, client, settings, number, to=VILLAGE_PHONE, sid=None):
        self.client, self.settings, self.number, self.to = client, settings, number, to
        self.sid = sid or "CA" + uuid.uuid4().hex
        self.last: Answer | None = None

    def form(self, **values):
        return {"CallSid": self.sid, "AccountSid": self.settings.twilio_account_sid, "From": self.number,
                "To": self.to, "CallStatus": "in-progress", "Direction": "inbound", **values}

    def post(self, path, **values) -> Answer:
        self.last = Answer(signed_post(self.client, self.settings, path, self.form(**values)),
                           self.settings.public_base_url)
        return self.last

    def dial(self) -> Answer:
        return self.post("/twilio/voice")

    def press(self, digits) -> Answer:
        return self.post(self.last.path(self.last.gather), Digits=str(digits))

    def say(self, text, confidence="0.92") -> Answer:
        return self.post(self.last.path(self.last.gather), SpeechResult=text, Confidence=confidence)

    def stay_silent(self) -> Answer:
        """No key and no speech: Twilio posts the empty result (actionOnEmptyResult)."""
        return self.post(self.last.path(self.last.gather))

    def hang_up(self):
        return signed_post(self.client, self.settings, "/twilio/voice/status",
                           self.form(CallStatus="completed", CallDuration="95"))
