"""A number that floods us or loops with us is stored, answered a few times, then left
unanswered until it calms down; the coordinator is told once; everyone else is answered."""
import time
from datetime import datetime, timedelta

from sqlalchemy import func, select

from messaging.models import InboundMessage
from orders.models import Task
from tests.support.outbox import outbox
from tests.support.people import BAKER, COORDINATOR, SUSAN, TRUUS

DRIVING = "Ik rijd nu. Ik zie je bericht als ik er ben. (Automatisch antwoord)"


def later(monkeypatch, settings, minutes):
    """The project's clock, `minutes` after the test's fixed morning."""
    moment = datetime.fromisoformat(settings.clock) + timedelta(minutes=minutes)
    monkeypatch.setenv("DORPSLIJN_CLOCK", moment.isoformat())


def tasks(db, kind="flood"):
    db.expire_all()
    return db.scalars(select(Task).where(Task.kind == kind)).all()


def held_back(db, sender):
    db.expire_all()
    return db.scalar(select(func.count()).select_from(InboundMessage).where(
        InboundMessage.sender == sender, InboundMessage.held_back.is_not(None)))


def test_300_messages_in_a_second_get_a_few_answers_and_one_task_while_others_are_answered(
        phone, work, settings, demo, db):
    truus, susan = phone(TRUUS), phone(SUSAN)
    started = time.monotonic()
    for i in range(300):
        assert truus.text(f"hallo hallo, dit is bericht {i}").status_code == 200
        if i == 150:
            susan.text("2 krentenbollen")
    took = time.monotonic() - started
    work()

    assert took < 1.0, f"the webhook took {took:.2f} s for 300 messages"
    stored = db.scalar(select(func.count()).select_from(InboundMessage).where(InboundMessage.sender == TRUUS))
    assert stored == 300, "every message is stored"
    assert len(outbox(settings, to=TRUUS)) == settings.inbound_per_minute == 10
    assert held_back(db, TRUUS) == 290
    [task] = tasks(db)
    assert task.phone == TRUUS and task.resident.name == "Truus Lamberts"
    assert task.details["reason"] == "flood" and task.details["held"] == 290
    assert "dit is bericht 10" in task.text and "11 berichten" in task.text
    [alert] = outbox(settings, to=COORDINATOR)
    assert TRUUS in alert["body"] and "11 berichten binnen een minuut" in alert["body"]
    assert "2x Krentenbol" in outbox(settings, to=SUSAN)[-1]["body"], "another resident is answered as before"


def test_a_number_that_calms_down_is_answered_again_and_the_coordinator_not_told_twice(
        phone, work, settings, demo, db, monkeypatch):
    truus = phone(TRUUS)
    for i in range(30):
        truus.text(f"bericht {i}")
    work()
    assert len(outbox(settings, to=TRUUS)) == 10

    later(monkeypatch, settings, 0.5)
    truus.text("nog een")
    work()
    assert len(outbox(settings, to=TRUUS)) == 10, "half a minute later the flood is still in the last minute"

    later(monkeypatch, settings, 2)
    truus.text("2 krentenbollen")
    work()
    assert "2x Krentenbol" in outbox(settings, to=TRUUS)[-1]["body"]
    [task] = tasks(db)
    assert task.details["held"] == 21
    assert len(outbox(settings, to=COORDINATOR)) == 1


def test_the_same_auto_reply_coming_slowly_is_a_loop_and_other_words_are_answered(
        phone, work, settings, demo, db, monkeypatch):
    truus = phone(TRUUS)
    for hour in range(8):  # once an hour: far below the limit a minute
        later(monkeypatch, settings, 60 * hour)
        truus.text(DRIVING if hour % 2 else DRIVING.upper().replace(" ", "  "))
        work()
    assert len(outbox(settings, to=TRUUS)) == 3, "the same words are answered three times, then no more"
    [task] = tasks(db)
    assert task.details["reason"] == "loop" and task.details["held"] == 5
    [alert] = outbox(settings, to=COORDINATOR)
    assert "4 keer hetzelfde bericht" in alert["body"] and "automatisch antwoord" in alert["body"]
    assert "Ik rijd nu" in alert["body"]

    later(monkeypatch, settings, 60 * 8)
    truus.text("2 krentenbollen")
    work()
    assert "2x Krentenbol" in outbox(settings, to=TRUUS)[-1]["body"]


def test_a_resident_who_says_ja_again_and_again_is_no_loop(phone, work, settings, demo, db, monkeypatch):
    truus = phone(TRUUS)
    for minute in range(8):
        later(monkeypatch, settings, minute)
        truus.text("ja")
        work()
    assert len(outbox(settings, to=TRUUS)) == 8
    assert tasks(db) == [] and held_back(db, TRUUS) == 0


def test_a_shop_answering_order_after_order_is_answered_every_time(phone, work, settings, demo, db):
    baker = phone(BAKER)
    for number in range(101, 126):  # 25 within a minute: faster than anyone types
        baker.text(f"OK {number}")
    work()
    assert len(outbox(settings, to=BAKER)) == 25
    assert tasks(db) == []
