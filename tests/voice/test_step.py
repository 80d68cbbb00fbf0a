"""The voice step itself, called directly: a step Twilio delivers twice is answered once and the
same way, and a request we cannot place gets the calm sentence."""
import xml.etree.ElementTree as ET

import pytest

from dorpslijn.db import session_scope
from ivr.step import Delivery, answer
from tests.support.people import TRUUS, VILLAGE_PHONE


@pytest.fixture
def step(settings, demo):
    """Answer one delivery in its own session; what it said, and how often it committed."""
    def deliver(name, seq=0, **form):
        commits = []
        with session_scope(settings.database_url) as session:
            def commit():
                session.commit()
                commits.append(seq)
            twiml = answer(session, settings, Delivery(name, {"CallSid": "CA1", "From": TRUUS, "To": VILLAGE_PHONE,
                                                              **form}, seq),
                           url=lambda step: f"/{step}?n={seq + 1}", commit=commit)
        return ET.fromstring(twiml), commits
    return deliver


def said(root) -> list[str]:
    return [say.text for say in root.iter("Say")]


def test_a_step_delivered_twice_is_answered_the_same_and_does_its_work_once(step):
    greeting, first_commits = step("answer")
    again, again_commits = step("answer")
    assert said(again) == said(greeting) and any("Druk 1" in s for s in said(greeting))
    assert first_commits == [0] and again_commits == []
    call_back, commits = step("main", seq=1, Digits="0")
    assert call_back.find("Hangup") is not None and commits == [1]
    repeated, commits = step("main", seq=1, Digits="0")
    assert said(repeated) == said(call_back) and commits == [], "the coordinator is asked once"


def test_a_step_that_only_speaks_writes_nothing(step):
    step("answer")
    asked, commits = step("main", seq=1, Digits="2")
    assert asked.find("Gather").get("action") == "/order?n=2" and commits == []


def test_a_request_without_a_call_gets_the_calm_sentence_and_writes_nothing(step):
    root, commits = step("answer", CallSid="")
    assert root.find("Hangup") is not None and said(root) and commits == []
