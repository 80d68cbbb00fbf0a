"""Small TwiML helpers: a slow voice, questions that take keys and speech, and the XML document.

Every line of a message template is said on its own, with a pause after it, so that a
read-back goes item by item at the pace of someone writing it down.
"""
from __future__ import annotations

from dataclasses import dataclass

from twilio.twiml.voice_response import VoiceResponse

LANGUAGE_CODES = {"nl": "nl-NL", "en": "en-GB"}
PAUSE_SECONDS = 1
WAIT_SECONDS = 10        # silence before a question counts as unanswered
SPEECH_END_SECONDS = 3   # silence that ends what someone says; elderly speakers pause
MESSAGE_SECONDS = 120


@dataclass(frozen=True)
class Voice:
    """Who speaks (the text-to-speech voice) and in which language callers answer."""

    name: str
    language: str

    @property
    def code(self) -> str:
        return LANGUAGE_CODES.get(self.language, "nl-NL")


class Reply:
    """The TwiML for one step of a call, built up in the order the caller hears it."""

    def __init__(self, voice: Voice):
        self.voice = voice
        self.response = VoiceResponse()

    def say(self, text: str, into=None) -> "Reply":
        """Say each line of `text`, pausing after each."""
        into = into if into is not None else self.response
        for line in filter(None, (line.strip() for line in text.splitlines())):
            into.say(line, voice=self.voice.name, language=self.voice.code)
            into.pause(length=PAUSE_SECONDS)
        return self

    def ask(self, action: str, text: str, *, speech: bool = True, hints: str = "",
            long_answer: bool = False, empty_result: bool = True) -> "Reply":
        """A question answered by a key (or speech): Twilio posts the answer to `action`."""
        gather = self.response.gather(
            action=action, method="POST", input="dtmf speech" if speech else "dtmf",
            timeout=WAIT_SECONDS, action_on_empty_result=empty_result,
            num_digits=None if long_answer else 1,
            language=self.voice.code if speech else None,
            speech_timeout=SPEECH_END_SECONDS if long_answer else ("auto" if speech else None),
            hints=hints or None)
        self.say(text, into=gather)
        return self

    def record(self, action: str, text: str) -> "Reply":
        """Say that a message is recorded, then record it (a key or silence ends it)."""
        self.say(text)
        self.response.record(action=action, method="POST", max_length=MESSAGE_SECONDS,
                             timeout=WAIT_SECONDS, finish_on_key="1234567890*#", play_beep=True)
        return self

    def redirect(self, url: str) -> "Reply":
        """Go on with the step at `url`."""
        self.response.redirect(url, method="POST")
        return self

    def hang_up(self, text: str) -> "Reply":
        """Say what happens next, then end the call."""
        self.say(text)
        self.response.hangup()
        return self

    def xml(self) -> str:
        """The TwiML document."""
        return self.response.to_xml()
