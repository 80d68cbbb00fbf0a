"""The weekly call: a resident who asked for it is called at their weekday and hour, hears the
same menu, and orders; an unanswered call is tried once more, then the coordinator is told."""
from datetime import datetime, time, timezone

import pytest
from sqlalchemy import select

from dorpslijn.db import session_scope
from dorpslijn.redis_server import connect
from ivr.models import VoiceCall
from orders.models import Order, Resident, Task
from orders.weekly_calls import WeeklyCall, ask_for_weekly_call
from tests.support.caller import Caller
from tests.support.outbox import outbox
from tests.support.people import BAKER, COORDINATOR, TRUUS, VILLAGE_PHONE
from tests.support.webhooks import signed_post
from tests.support.weekly_calls import voice_calls
from worker.schedule import tick

MONDAY = (2026, 11, 23)


def utc(hour, minute):
    """A moment on Monday 23 November 2026, given in Amsterdam time (UTC+1)."""
    return datetime(*MONDAY, hour - 1, minute, tzinfo=timezone.utc)


@pytest.fixture
def weekly(settings, demo, monkeypatch):
    """Truus asked to be called every Monday at ten; the clock reads Monday 10:05."""
    monkeypatch.setenv("DORPSLIJN_CLOCK", utc(10, 5).isoformat())
    with session_scope(settings.database_url) as session:
        truus = session.scalar(select(Resident).where(Resident.phone == TRUUS))
        ask_for_weekly_call(session, truus, 0, time(10))
    redis = connect(settings)
    return lambda hour, minute: tick(settings, redis, utc(hour, minute))


def test_the_weekly_call_opens_with_the_menu_and_takes_the_order(weekly, work, client, settings, db):
    weekly(9, 55)
    work()
    assert voice_calls(db) == [], "not before the hour"
    weekly(10, 5)
    weekly(10, 6)
    work()
    [call] = voice_calls(db)
    assert call.to == TRUUS and call.status == "sent"
    assert call.body.startswith("Goedemorgen Truus Lamberts.")
    assert "Wilt u dezelfde boodschappen als vorige keer? Druk 1." in call.body

    truus = Caller(client, settings, VILLAGE_PHONE, to=TRUUS)
    menu = truus.post(call.extra["answer"], Direction="outbound-api")
    assert "Truus Lamberts" in menu.said[0]
    assert menu.path(menu.gather).startswith("/twilio/voice/main?")
    asked = truus.press(1)
    assert "U heeft nog niet eerder bij ons besteld." in asked.said
    truus.say("zes krentenbollen")
    truus.press(1)
    work()
    db.expire_all()
    [order] = db.scalars(select(Order)).all()
    assert order.status == "confirmed" and order.channel == "voice"
    assert str(order.number) in outbox(settings, to=BAKER)[0]["body"]
    weekly(10, 50)
    work()
    assert len(voice_calls(db)) == 1, "an answered call is not tried again"


def test_an_unanswered_weekly_call_is_tried_once_more_then_the_coordinator_is_told(weekly, work, settings, db):
    weekly(10, 5)
    weekly(10, 20)
    work()
    assert len(voice_calls(db)) == 1
    weekly(10, 36)
    work()
    assert len(voice_calls(db)) == 2, "tried once more"
    weekly(10, 40)
    work()
    assert outbox(settings, to=COORDINATOR) == []
    weekly(10, 47)
    weekly(11, 30)
    work()
    assert len(voice_calls(db)) == 2
    [alert] = outbox(settings, to=COORDINATOR)
    assert "Truus Lamberts" in alert["body"] and "niet op" in alert["body"]
    [task] = db.scalars(select(Task).where(Task.kind == "missed_call")).all()
    assert task.phone == TRUUS


def test_live_the_call_is_placed_through_twilio_and_its_no_answer_counts(weekly, work, twilio_api, client,
                                                                         settings, db):
    weekly(10, 5)
    work()
    [placed] = twilio_api.calls
    assert placed["to"] == TRUUS and placed["from"] == VILLAGE_PHONE
    assert placed["url"].startswith("https://dorpslijn.test/twilio/voice/weekly?call=")
    assert placed["status_callback"] == "https://dorpslijn.test/twilio/voice/status"
    assert placed["fallback_url"] == "https://dorpslijn.test/twilio/voice/fallback"
    assert voice_calls(db) == [], "a live call is a call, not an outbox message"

    form = {"CallSid": placed["sid"], "From": VILLAGE_PHONE, "To": TRUUS, "CallStatus": "no-answer"}
    assert signed_post(client, settings, "/twilio/voice/status", form).status_code == 204
    db.expire_all()
    assert db.scalar(select(VoiceCall.status)) == "no-answer"
    weekly(10, 36)
    work()
    assert len(twilio_api.calls) == 2


def test_the_coordinator_sets_and_stops_a_weekly_call_from_the_command_line(settings, demo, db, capsys):
    from cli.main import main
    assert main(["weekly-call", "06-12345601", "--day", "do", "--time", "9:30"]) == 0
    assert main(["weekly-call", "06-12345601", "--day", "someday", "--time", "25:00"]) == 1
    assert main(["weekly-call", "0600000000", "--day", "do", "--time", "09:30"]) == 1
    db.expire_all()
    [weekly] = db.scalars(select(WeeklyCall)).all()
    assert (weekly.weekday, weekly.time, weekly.active) == (3, "09:30", True)
    assert main(["weekly-call", "+31612345601", "--stop"]) == 0
    db.expire_all()
    assert db.scalar(select(WeeklyCall.active)) is False
