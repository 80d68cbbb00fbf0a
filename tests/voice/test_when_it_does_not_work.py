"""Calls that go wrong: silence, unclear speech, an unknown number, a hang-up mid-order, our
own error. The caller always hears what happens next, and the coordinator gets the task."""
import pytest
from sqlalchemy import select

from orders.models import Order, Task
from tests.support.caller import Caller
from tests.support.outbox import outbox
from tests.support.people import BAKER, COORDINATOR, SUSAN, TRUUS
from tests.support.webhooks import signed_post

STRANGER = "+31611112222"


@pytest.fixture
def call(client, settings, demo):
    def make(number=TRUUS, **kwargs):
        return Caller(client, settings, number, **kwargs)
    return make


def tasks(db, kind):
    db.expire_all()
    return db.scalars(select(Task).where(Task.kind == kind)).all()


def test_silence_is_asked_again_then_keys_and_a_recorded_message_reach_the_coordinator(call, work, settings, db):
    truus = call()
    truus.dial()
    again = truus.stay_silent()
    assert "Ik hoorde niets." in again.said and "Ik vraag het nog een keer." in again.said
    assert again.path(again.gather).startswith("/twilio/voice/main?")

    offered = truus.stay_silent()
    assert offered.gather.get("input") == "dtmf", "the second time: keys only"
    assert offered.gather.get("actionOnEmptyResult") != "true", "no key falls through to the recording"
    assert any("Druk 0" in s for s in offered.said)
    assert any("wordt opgenomen" in s for s in offered.said), "the caller is told it is recorded"
    assert offered.path(offered.record).startswith("/twilio/voice/recorded?")
    assert offered.path(offered.root.find("Redirect")).startswith("/twilio/voice/call_back?")

    url = "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE123"
    done = truus.post(offered.path(offered.record), RecordingUrl=url, RecordingDuration="14")
    assert done.hung_up and any("belt u zo snel mogelijk terug" in s for s in done.said)
    [task] = tasks(db, "voice_message")
    assert task.url == url and task.phone == TRUUS and task.resident.name == "Truus Lamberts"
    work()
    [alert] = outbox(settings, to=COORDINATOR)
    assert url in alert["body"] and "Truus Lamberts" in alert["body"]


def test_low_confidence_speech_is_asked_again_and_a_third_failure_promises_a_call_back(call, db):
    truus = call()
    truus.dial()
    again = truus.say("bestellen", confidence="0.12")
    assert "Dat heb ik niet goed verstaan." in again.said
    truus.say("mmm", confidence="0.1")
    last = truus.press(7)
    assert last.hung_up and any("Een vrijwilliger belt u zo snel mogelijk terug." in s for s in last.said)
    assert len(tasks(db, "call_back")) == 1


def test_an_empty_recording_ends_in_a_promised_call_back(call, db):
    truus = call()
    truus.dial()
    truus.stay_silent()
    offered = truus.stay_silent()
    done = truus.post(offered.path(offered.root.find("Redirect")))
    assert done.hung_up and "Er is nu niets besteld. Tot ziens." in done.said
    [task] = tasks(db, "call_back")
    assert task.phone == TRUUS


def test_an_order_nobody_understands_mentions_what_is_not_sold(call):
    truus = call()
    truus.dial()
    truus.press(2)
    again = truus.say("twee postzegels en medicijnen")
    assert again.path(again.gather).startswith("/twilio/voice/order?")
    assert "Postzegels verkopen wij niet." in again.said


def test_an_unknown_caller_hears_a_volunteer_will_call_back_and_the_coordinator_gets_the_number(
        call, work, settings, db):
    first = call(STRANGER).dial()
    assert first.hung_up and first.gather is None
    assert any("Dit nummer kennen wij nog niet." in s for s in first.said)
    assert any("belt u zo snel mogelijk terug" in s for s in first.said)
    call(STRANGER).dial()
    work()
    [task] = tasks(db, "call_back")
    assert task.phone == STRANGER and task.resident is None
    [alert] = outbox(settings, to=COORDINATOR)
    assert STRANGER in alert["body"], "told once, however often the number calls"


def test_0_asks_a_volunteer_to_call_back(call, work, settings, db):
    truus = call()
    truus.dial()
    done = truus.say("kunt u mij terugbellen")
    assert done.hung_up and "Er is nu niets besteld. Tot ziens." in done.said
    [task] = tasks(db, "call_back")
    assert task.resident.name == "Truus Lamberts"
    work()
    assert "Truus Lamberts" in outbox(settings, to=COORDINATOR)[0]["body"]


def test_a_hang_up_mid_order_keeps_the_basket_orders_nothing_and_makes_a_task(call, work, settings, db):
    truus = call()
    truus.dial()
    truus.press(2)
    truus.say("vier krentenbollen")
    assert truus.hang_up().status_code == 204
    assert truus.hang_up().status_code == 204, "a second status callback changes nothing"
    work()
    db.expire_all()
    [basket] = db.scalars(select(Order)).all()
    assert basket.status == "draft" and basket.number is None
    [task] = tasks(db, "unfinished_order")
    assert task.details["order_id"] == basket.id and "Truus Lamberts" in task.text
    assert outbox(settings, to=BAKER) == []


def test_a_finished_order_leaves_no_task_when_the_call_ends(call, work, db):
    truus = call()
    truus.dial()
    truus.press(2)
    truus.say("vier krentenbollen")
    truus.press(1)
    truus.hang_up()
    assert tasks(db, "unfinished_order") == []


def test_the_fallback_url_speaks_calm_dutch_and_notes_a_call_back(client, settings, demo, db):
    form = {"CallSid": "CAbroken", "From": TRUUS, "To": "+31852080300", "ErrorCode": "11200",
            "ErrorUrl": "https://dorpslijn.test/twilio/voice/main"}
    response = signed_post(client, settings, "/twilio/voice/fallback", form)
    assert response.status_code == 200 and response.mimetype == "text/xml"
    assert b"Excuses, er ging bij ons iets mis." in response.data and b"<Hangup" in response.data
    assert b'language="nl-NL"' in response.data
    [task] = tasks(db, "call_back")
    assert task.phone == TRUUS


def test_the_coordinator_hears_of_a_call_cut_off_by_our_error_at_once(client, settings, demo, work):
    form = {"CallSid": "CAbroken", "From": TRUUS, "To": "+31852080300", "ErrorCode": "11200"}
    signed_post(client, settings, "/twilio/voice/fallback", form)
    work()  # a worker, not the sweep a minute later, sends what the fallback queued
    [text] = outbox(settings, to=COORDINATOR)
    assert text["status"] == "sent" and "Truus Lamberts" in text["body"]


def test_a_caller_is_greeted_after_the_database_server_dropped_every_connection(call, server_restart):
    call().dial()
    server_restart()
    menu = call().dial()
    assert menu.said[0].startswith("Goede") and "Truus Lamberts" in menu.said[0]


def test_an_english_caller_cut_off_by_our_error_hears_it_in_english(client, settings, demo, db):
    form = {"CallSid": "CAbroken-en", "From": SUSAN, "To": "+31852080300", "ErrorCode": "11200"}
    response = signed_post(client, settings, "/twilio/voice/fallback", form)
    assert b"Sorry, something went wrong on our side." in response.data and b"<Hangup" in response.data
    assert b'language="en-GB"' in response.data
    [task] = tasks(db, "call_back")
    assert task.phone == SUSAN
