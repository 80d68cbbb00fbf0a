"""One request of a call: who calls, where the call stands, and what they pressed or said.

Every step of the menu gets a `Call` and answers with a `Reply` (ivr/twiml.py).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Callable

from dorpslijn.messages import Outgoing
from dorpslijn.words import LANGUAGES, say
from ivr.models import VoiceCall
from ivr.twiml import Reply, Voice
from orders import tasks
from orders.models import Resident, Village

LOW_CONFIDENCE = 0.3     # Twilio's speech Confidence below which we ask again
MAX_SPEECH = 2000


def voice(settings, language: str) -> Voice:
    """The voice that speaks a language we have words for; Dutch for any other."""
    language = language if language in LANGUAGES else "nl"
    return Voice(settings.voice if language == "nl" else settings.voice_en, language)


@dataclass
class Call:
    """One request of a call: the caller, the call's record, and what they pressed or said."""

    session: object
    settings: object
    village: Village
    resident: Resident | None
    record: VoiceCall
    now: datetime
    url: Callable[[str], str]
    form: dict = field(default_factory=dict)
    outgoing: list[Outgoing] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.resident.language if self.resident else self.village.language

    @property
    def digits(self) -> str:
        return self.form.get("Digits", "").strip()

    @property
    def speech(self) -> str:
        return self.form.get("SpeechResult", "").strip()[:MAX_SPEECH]

    @property
    def unsure(self) -> bool:
        """Whether what was said came through too unclearly to act on."""
        try:
            return bool(self.speech) and float(self.form.get("Confidence", 1)) < LOW_CONFIDENCE
        except ValueError:
            return False

    def words(self, template: str, **values) -> str:
        """The caller's words for one of the `voice_*` templates."""
        return say(f"voice_{template}", self.language, **values)

    def reply(self) -> Reply:
        return Reply(voice(self.settings, self.language))

    def remember(self, **values) -> None:
        """Keep values for the call's next steps (a step that changes nothing writes nothing)."""
        data = {**(self.record.data or {}), **values}
        if data != self.record.data:
            self.record.data = data

    def tell_coordinator(self, kind: str, template: str, details=None, **values) -> None:
        """A task for the coordinator about this caller, and a text message to them."""
        self.outgoing += tasks.ask_coordinator(self.session, self.village, kind, template, phone=self.record.phone,
                                               resident=self.resident,
                                               details={"call_sid": self.record.call_sid, **(details or {})}, **values)
