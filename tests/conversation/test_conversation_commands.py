"""HULP, STATUS, BEL MIJ, and what the scheduler says first: reminders, standing orders, alerts."""
from datetime import datetime, timezone

from sqlalchemy import select

from orders.deliveries import DeliveryRound, RoundStop
from orders.models import Order, Resident, Task, Village, Volunteer
from tests.support.caller import Caller
from tests.support.people import COORDINATOR, INEKE, TRUUS
from tests.support.talk import last, messages


def test_help_is_a_short_menu(phone, work, settings, demo, clock):
    phone(TRUUS).text("HULP")
    work()
    reply = messages(settings, TRUUS)[-1]
    assert "ZELFDE" in reply["body"] and "BEL MIJ" in reply["body"] and len(reply["body"].splitlines()) <= 6
    assert reply["extra"]["choices"] == ["ZELFDE", "STATUS", "BEL MIJ"]


def test_call_me_makes_a_call_back_task_and_is_confirmed(phone, work, settings, demo, clock, db):
    phone(TRUUS).text("bel mij")
    work()
    assert "belt u" in last(settings, TRUUS)
    assert "Truus Lamberts" in last(settings, COORDINATOR)
    task = db.scalar(select(Task).where(Task.kind == "call_back"))
    assert task.phone == TRUUS and task.resident.name == "Truus Lamberts"


def test_asking_again_to_be_called_back_while_the_task_is_open_makes_no_second_task(
        client, phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("bel mij even")
    truus.text("BEL MIJ")
    work()
    caller = Caller(client, settings, TRUUS)
    caller.dial()
    caller.press(0)
    work()
    assert sum("belt u" in m["body"] for m in messages(settings, TRUUS)) == 2, "both texts are answered"
    [task] = db.scalars(select(Task).where(Task.kind == "call_back")).all()
    assert task.text == "bel mij even", "the task shows what Truus wrote first"
    assert len(messages(settings, COORDINATOR)) == 1, "the coordinator is asked once"

    task.done_at = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)
    db.commit()
    truus.text("bel mij nog eens")
    work()
    assert [t.text for t in db.scalars(select(Task).where(Task.kind == "call_back", Task.done_at.is_(None)))] \
        == ["bel mij nog eens"], "once handled, a new request is a new task"


def test_in_an_english_speaking_village_the_coordinator_is_asked_in_english(phone, work, settings, demo, clock, db):
    db.scalar(select(Village)).language = "en"
    db.commit()
    phone(TRUUS).text("bel mij")
    work()
    assert last(settings, COORDINATOR) == f"Truus Lamberts ({TRUUS}) asks you to call back."


def test_status_names_the_open_order_its_day_and_once_planned_its_time_window(
        phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("STATUS")
    work()
    assert "geen bestelling" in last(settings, TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja")
    truus.text("status")
    work()
    order = db.scalar(select(Order))
    assert str(order.number) in last(settings, TRUUS) and "dinsdag 24 november" in last(settings, TRUUS)
    volunteer = db.scalar(select(Volunteer))
    day_round = DeliveryRound(village_id=order.village_id, date=order.delivery_date, volunteer_id=volunteer.id,
                              starts_at=datetime(2026, 11, 24, 9, tzinfo=timezone.utc))
    day_round.stops.append(RoundStop(position=1, kind="delivery", order_id=order.id,
                                     eta=datetime(2026, 11, 24, 9, 30, tzinfo=timezone.utc),
                                     window_from=datetime(2026, 11, 24, 9, tzinfo=timezone.utc),
                                     window_until=datetime(2026, 11, 24, 11, tzinfo=timezone.utc)))
    db.add(day_round)
    db.commit()
    truus.text("waar is mijn bestelling")
    work()
    assert "tussen 10:00 en 12:00 uur" in last(settings, TRUUS)


def test_an_unanswered_read_back_gets_one_reminder_then_the_coordinator_is_told(
        phone, work, settings, demo, clock, db):
    phone(TRUUS).text("4 krentenbollen")
    work()
    clock.tick("2026-11-23T11:00:00+01:00", work)
    assert len(messages(settings, TRUUS)) == 1, "not yet: a few hours first"
    clock.tick("2026-11-23T13:30:00+01:00", work)
    reminder = messages(settings, TRUUS)[-1]
    assert "nog niet besteld" in reminder["body"] and reminder["extra"]["choices"] == ["JA", "NEE"]
    clock.tick("2026-11-23T14:00:00+01:00", work)
    assert len(messages(settings, TRUUS)) == 2, "one reminder only"
    assert messages(settings, COORDINATOR) == []
    clock.tick("2026-11-23T16:15:00+01:00", work)
    assert "Truus Lamberts" in last(settings, COORDINATOR) and "18:00" in last(settings, COORDINATOR)
    assert db.scalar(select(Task).where(Task.kind == "unanswered")) is not None
    clock.tick("2026-11-23T16:45:00+01:00", work)
    assert len(messages(settings, COORDINATOR)) == 1
    assert db.scalar(select(Order)).status == "draft", "still nothing ordered without JA"


def test_no_reminders_at_night(phone, work, settings, demo, clock):
    clock.set("2026-11-23T19:30:00+01:00")
    phone(TRUUS).text("4 krentenbollen")
    work()
    clock.tick("2026-11-23T23:30:00+01:00", work)
    assert len(messages(settings, TRUUS)) == 1
    clock.tick("2026-11-24T08:30:00+01:00", work)
    assert "nog niet besteld" in last(settings, TRUUS)


def test_every_week_makes_a_standing_order_read_back_before_each_cutoff(phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen, elke week")
    work()
    assert "elke week" in last(settings, TRUUS)
    truus.text("ja")
    work()
    first = db.scalar(select(Order))
    assert db.scalar(select(Resident).where(Resident.phone == TRUUS)).standing_order_id == first.id
    clock.tick("2026-11-25T09:30:00+01:00", work)
    assert len([m for m in messages(settings, TRUUS)]) == 2, "Friday's cut-off is Thursday 18:00: not yet"
    clock.tick("2026-11-26T09:30:00+01:00", work)
    standing = messages(settings, TRUUS)[-1]["body"]
    assert "Uw vaste bestelling voor vrijdag 27 november" in standing and "4x Krentenbol" in standing
    assert "NEE" in standing
    clock.tick("2026-11-26T09:45:00+01:00", work)
    assert messages(settings, TRUUS)[-1]["body"] == standing and len(messages(settings, TRUUS)) == 3
    truus.text("nee")
    work()
    assert "deze week" in last(settings, TRUUS)
    db.expire_all()
    assert db.scalar(select(Order).where(Order.status == "draft")) is None
    truus.text("niet meer elke week")
    work()
    db.expire_all()
    assert db.scalar(select(Resident).where(Resident.phone == TRUUS)).standing_order_id is None


def test_every_week_after_an_order_makes_that_order_standing(phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja")
    truus.text("elke week")
    work()
    order = db.scalar(select(Order))
    assert str(order.number) in last(settings, TRUUS)
    assert db.scalar(select(Resident).where(Resident.phone == TRUUS)).standing_order_id == order.id


def test_a_standing_order_of_a_contact_person_is_read_back_to_them(phone, work, settings, demo, clock, db):
    ineke = phone(INEKE)
    ineke.text("voor mijn moeder: 4 krentenbollen elke week")
    ineke.text("ja")
    work()
    clock.tick("2026-11-26T09:30:00+01:00", work)
    assert "Uw vaste bestelling voor vrijdag 27 november" in last(settings, INEKE)
    ineke.text("ja")
    work()
    db.expire_all()
    assert len(db.scalars(select(Order).where(Order.status == "confirmed")).all()) == 2


def test_a_phone_order_made_standing_is_read_back_by_text_and_confirmed_with_ja(
        client, phone, work, settings, demo, clock, db):
    caller = Caller(client, settings, TRUUS)
    caller.dial()
    caller.press(2)
    caller.say("vier krentenbollen")
    caller.press(1)
    caller.press(2)
    truus = phone(TRUUS)
    truus.text("elke week")
    work()
    clock.tick("2026-11-26T09:30:00+01:00", work)
    standing = messages(settings, TRUUS)[-1]
    assert standing["channel"] == "sms" and "Uw vaste bestelling voor vrijdag 27 november" in standing["body"]
    truus.text("ja")
    work()
    db.expire_all()
    assert len(db.scalars(select(Order).where(Order.status == "confirmed")).all()) == 2


def test_a_weekly_reminder_on_the_day_and_hour_asked(phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("Herinner mij op dinsdag om 10 uur")
    work()
    assert "dinsdag om 10:00" in last(settings, TRUUS)
    resident = db.scalar(select(Resident).where(Resident.phone == TRUUS))
    assert (resident.reminder_weekday, resident.reminder_hour) == (1, 10)
    clock.tick("2026-11-24T09:55:00+01:00", work)
    assert len(messages(settings, TRUUS)) == 1
    clock.tick("2026-11-24T10:01:00+01:00", work)
    reminder = messages(settings, TRUUS)[-1]
    assert reminder["body"].startswith("Goedemorgen Truus Lamberts.") and "vrijdag 27 november" in reminder["body"]
    assert reminder["extra"]["choices"] == ["ZELFDE"]
    clock.tick("2026-11-24T10:30:00+01:00", work)
    assert len(messages(settings, TRUUS)) == 2
    truus.text("geen herinnering meer")
    work()
    db.expire_all()
    assert db.scalar(select(Resident).where(Resident.phone == TRUUS)).reminder_weekday is None
