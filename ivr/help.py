"""When an answer is missing or unclear: the caller is asked once more, then offered keys and a
recorded message, then told that a volunteer will call back. A call never ends without the
caller hearing what happens next.
"""
from __future__ import annotations

import logging
from typing import Callable

from dorpslijn.words import say
from ivr.call import Call, voice
from ivr.twiml import Reply

logger = logging.getLogger(__name__)


def understood(call: Call) -> None:
    """An answer came through: the next miss is a first one again."""
    if call.record.failures:
        call.record.failures = 0


def not_understood(call: Call, ask_again: Callable[[str], Reply], not_found=()) -> Reply:
    """Ask again; the second time offer keys and a recorded message; then promise a call-back."""
    call.record.failures += 1
    logger.info("call %s: not understood (%s times)", call.record.call_sid, call.record.failures)
    if call.record.failures == 1:
        return ask_again(call.words("again", heard=bool(call.digits or call.speech), not_found=list(not_found)))
    if call.record.failures == 2:
        return help_menu(call)
    return call_back(call)


def help_menu(call: Call) -> Reply:
    """Keys only, and if no key comes, a recorded message; if no message, a call-back."""
    return (call.reply()
            .ask(call.url("help"), call.words("help"), speech=False, empty_result=False)
            .record(call.url("recorded"), call.words("record"))
            .say(call.words("no_message"))
            .redirect(call.url("call_back")))


def recorded(call: Call) -> Reply:
    """The caller left a spoken message: the coordinator gets it as a task with the recording."""
    url = call.form.get("RecordingUrl", "")
    if not url:
        return call_back(call)
    call.tell_coordinator("voice_message", "voice_coordinator_message", url=url, about=url,
                          details={"seconds": call.form.get("RecordingDuration", "")})
    call.record.outcome = "message"
    return call.reply().hang_up(call.words("recorded"))


def call_back(call: Call) -> Reply:
    """0, or the end of trying: a volunteer will call back; the coordinator gets the task."""
    call.tell_coordinator("call_back", "voice_coordinator_call_back")
    call.record.outcome = call.record.outcome or "call_back"
    return call.reply().hang_up(call.words("call_back"))


def calm(settings, language: str = "nl") -> str:
    """A calm sentence that a volunteer will call back, then the end of the call: for a request we
    cannot place, or after an error on our side; in the caller's language when we know it."""
    spoken = voice(settings, language)
    return Reply(spoken).hang_up(say("voice_fallback", spoken.language)).xml()
