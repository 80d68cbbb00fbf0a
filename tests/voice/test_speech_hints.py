"""Twilio's speech recognition listens for the answers a question expects, in the caller's
language, and each of those answers is one the menu understands."""
from types import SimpleNamespace

import pytest

from dorpslijn.words import say
from ivr.keys import MAIN_WORDS, REVIEW_WORDS, choice
from tests.support.caller import Caller
from tests.support.people import SUSAN, TRUUS


def hints(answer) -> list[str]:
    return answer.gather.get("hints").split(", ")


def test_an_english_caller_gets_english_hints_and_a_dutch_caller_dutch_ones(client, settings, demo):
    susan = Caller(client, settings, SUSAN)
    menu = susan.dial()
    assert {"same", "order", "call me"} <= set(hints(menu)) and "hetzelfde" not in hints(menu)
    susan.press(2)
    read_back = susan.say("four currant buns please")
    assert hints(read_back) == ["yes", "order", "say it again", "add"]

    truus = Caller(client, settings, TRUUS)
    menu = truus.dial()
    assert {"hetzelfde", "bestellen", "terugbellen"} <= set(hints(menu)) and "same" not in hints(menu)
    truus.press(2)
    assert hints(truus.say("vier krentenbollen")) == ["ja", "bestellen", "opnieuw", "toevoegen"]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("question, words", [("menu", MAIN_WORDS), ("review", REVIEW_WORDS)])
def test_every_hint_is_an_answer_the_question_understands(language, question, words):
    for hint in say(f"voice_hints_{question}", language).splitlines():
        assert choice(SimpleNamespace(digits="", speech=hint), words), f"{language}/{question}: {hint}"
