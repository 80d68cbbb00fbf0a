"""The weekly call asked for by text: "bel mij elke maandag om 10 uur" sets it, the scheduler
calls, "niet meer bellen" stops it; a plain BEL MIJ stays a call-back."""
import pytest
from sqlalchemy import select

from orders.models import Order, Task
from tests.support.people import COORDINATOR, INEKE, SUSAN, TRUUS
from tests.support.talk import last, messages
from tests.support.weekly_calls import voice_calls, weekly_calls


def test_a_text_asks_for_the_weekly_call_the_scheduler_calls_and_a_text_stops_it(
        phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("Bel mij elke dinsdag om 9:30")
    work()
    reply = last(settings, TRUUS)
    assert reply.startswith("Goed. Wij bellen u voortaan elke dinsdag om 9:30 uur.")
    assert "Stuur NIET MEER BELLEN." in reply
    assert weekly_calls(db) == [(TRUUS, 1, "09:30", True)]
    assert db.scalars(select(Task)).all() == [] and messages(settings, COORDINATOR) == [], "no call-back"

    clock.tick("2026-11-24T09:25:00+01:00", work)
    assert voice_calls(db) == []
    clock.tick("2026-11-24T09:31:00+01:00", work)
    [placed] = voice_calls(db)
    assert placed.to == TRUUS and placed.body.startswith("Goedemorgen Truus Lamberts.")

    truus.text("Niet meer bellen, dank u")
    work()
    assert last(settings, TRUUS) == "Goed. Wij bellen u niet meer elke week."
    assert weekly_calls(db) == [(TRUUS, 1, "09:30", False)]
    clock.tick("2026-12-01T09:31:00+01:00", work)
    assert len(voice_calls(db)) == 1, "not called the week after"


def test_the_longer_dutch_question_and_a_basket_being_read_back_stay_as_they_are(
        phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("Wilt u mij elke week op donderdag om 11 uur bellen?")
    work()
    assert "elke donderdag om 11 uur" in last(settings, TRUUS)
    assert weekly_calls(db) == [(TRUUS, 3, "11:00", True)]
    truus.text("ja")
    work()
    db.expire_all()
    assert db.scalar(select(Order)).status == "confirmed", "the basket waited for JA"


@pytest.mark.parametrize("text, weekday, at, said", [
    ("wilt u mij elke week op dinsdag om half 11 bellen", 1, "10:30", "elke dinsdag om 10:30 uur"),
    ("bel mij elke vrijdag om kwart over 9", 4, "09:15", "elke vrijdag om 9:15 uur"),
    ("bel mij elke maandag om 2 uur", 0, "14:00", "elke maandag om 14 uur"),
])
def test_times_as_people_say_them_half_11_and_2_in_the_afternoon(text, weekday, at, said, phone, work, settings,
                                                                   demo, clock, db):
    phone(TRUUS).text(text)
    work()
    assert said in last(settings, TRUUS)
    assert weekly_calls(db) == [(TRUUS, weekday, at, True)]


def test_an_english_resident_asks_in_english_and_stops_it_in_english(phone, work, settings, demo, clock, db):
    susan = phone(SUSAN)
    susan.text("Call me every Monday at 10")
    work()
    reply = last(settings, SUSAN)
    assert reply.startswith("All right. From now on we will call you every Monday at 10:00.")
    assert "STOP CALLING" in reply
    susan.text("Don't call me anymore")
    work()
    assert last(settings, SUSAN) == "All right. We will no longer call you every week."
    assert weekly_calls(db) == [(SUSAN, 0, "10:00", False)]


@pytest.mark.parametrize("text", ["BEL MIJ", "bel mij maandag om 10 uur", "call me every monday",
                                  "bel mij elke maandag om 25 uur"])
def test_bel_mij_without_every_weekday_and_an_hour_we_read_is_still_a_call_back(text, phone, work, settings, demo, clock, db):
    phone(TRUUS).text(text)
    work()
    assert "belt u" in last(settings, TRUUS)
    task = db.scalar(select(Task).where(Task.kind == "call_back"))
    assert task.phone == TRUUS and task.text == text
    assert weekly_calls(db) == []


def test_a_contact_person_asking_to_be_called_every_week_reaches_the_coordinator(
        phone, work, settings, demo, clock, db):
    phone(INEKE).text("bel mij elke maandag om 10 uur")
    work()
    assert "belt u" in last(settings, INEKE)
    assert "Contactpersoon" in last(settings, COORDINATOR)
    assert db.scalar(select(Task).where(Task.kind == "call_back")).text == "bel mij elke maandag om 10 uur"
    assert weekly_calls(db) == [], "Ineke is not the one we would call"
