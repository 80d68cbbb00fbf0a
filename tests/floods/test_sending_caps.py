"""What we send is capped per number an hour and per village a day, in the outbox, whatever the
channel or kind of message; a shop's busy hour is never cut short; the coordinator is told."""
from datetime import datetime, time, timedelta

from sqlalchemy import select

from dorpslijn.db import utcnow
from dorpslijn.messages import Outgoing
from dorpslijn.redis_server import connect
from messaging.outbox import put_all
from orders.calendar import TIMEZONE
from orders.models import Resident, Task, Village
from tests.support.outbox import outbox
from tests.support.people import BAKER, COORDINATOR, SUSAN, TRUUS

NOW = utcnow()


def village(db):
    return db.scalar(select(Village))


def statuses(rows):
    return [row.status for row in rows]


def tasks(db, kind):
    db.expire_all()
    return db.scalars(select(Task).where(Task.kind == kind)).all()


def test_a_resident_gets_at_most_40_messages_an_hour_then_they_are_held_and_the_coordinator_told(
        phone, work, settings, demo, db, monkeypatch):
    truus = phone(TRUUS)
    start = datetime.fromisoformat(settings.clock)
    for i in range(45):  # one every two minutes: no flood, each answered, each a new question
        monkeypatch.setenv("DORPSLIJN_CLOCK", (start + timedelta(minutes=2 * i)).isoformat())
        truus.text(f"vraag {i}")
        work()
    answers = outbox(settings, to=TRUUS)
    assert [a["status"] for a in answers] == ["sent"] * 40 + ["held"] * 5
    [task] = tasks(db, "sending_capped")
    assert task.phone == TRUUS and task.details["held"] == 5
    [alert] = outbox(settings, to=COORDINATOR)
    assert TRUUS in alert["body"] and "40 berichten" in alert["body"] and alert["status"] == "sent"


def test_an_hour_later_the_number_gets_messages_again(settings, demo, db):
    home = village(db)
    first = put_all(db, home.id, [Outgoing("sms", TRUUS, f"bericht {i}") for i in range(45)], now=NOW)
    assert statuses(first) == ["queued"] * 40 + ["held"] * 5 + ["queued"], "the last one tells the coordinator"
    assert first[-1].to == COORDINATOR
    assert statuses(put_all(db, home.id, [Outgoing("whatsapp", TRUUS, "nog een")], now=NOW + timedelta(minutes=30))) \
        == ["held"], "WhatsApp to the same number counts too"
    assert statuses(put_all(db, home.id, [Outgoing("sms", TRUUS, "weer")], now=NOW + timedelta(minutes=61))) \
        == ["queued"]
    assert statuses(put_all(db, home.id, [Outgoing("sms", SUSAN, "hallo")], now=NOW)) == ["queued"]
    assert len(tasks(db, "sending_capped")) == 1


def test_a_shop_gets_every_order_of_a_busy_hour(settings, demo, db):
    home = village(db)
    db.add_all(Resident(village_id=home.id, name=f"Bewoner {i}", phone=f"+316200{i:05d}") for i in range(150))
    db.flush()
    orders_and_answers = [Outgoing("sms", BAKER, f"Bestelling {100 + i}") for i in range(300)]
    assert statuses(put_all(db, home.id, orders_and_answers, now=NOW)) == ["queued"] * 300
    assert tasks(db, "sending_capped") == []


def test_a_village_past_its_day_budget_holds_messages_and_tells_the_coordinator(settings, demo, db, monkeypatch):
    monkeypatch.setenv("DORPSLIJN_SENDS_PER_VILLAGE_DAY", "5")
    home = village(db)
    rows = put_all(db, home.id, [Outgoing("sms", f"+3161111{i:04d}", "hallo") for i in range(7)], now=NOW)
    assert statuses(rows) == ["queued"] * 5 + ["held"] * 2 + ["queued"]
    assert rows[-1].to == COORDINATOR and "5 berichten" in rows[-1].body, "the coordinator still hears it"
    [task] = tasks(db, "budget_reached")
    assert task.details["held"] == 2
    for key in connect(settings).scan_iter("dorpslijn:*"):  # Redis restarted empty
        connect(settings).delete(key)
    assert statuses(put_all(db, home.id, [Outgoing("sms", TRUUS, "hallo")], now=NOW)) == ["held"]
    tomorrow = datetime.combine(NOW.astimezone(TIMEZONE).date() + timedelta(days=1), time(12), TIMEZONE)
    assert statuses(put_all(db, home.id, [Outgoing("sms", TRUUS, "goedemorgen")], now=tomorrow)) == ["queued"]


def test_a_held_message_is_never_sent(phone, work, settings, demo, db, monkeypatch):
    monkeypatch.setenv("DORPSLIJN_SENDS_PER_VILLAGE_DAY", "1")
    phone(TRUUS).text("2 krentenbollen")
    phone(SUSAN).text("2 krentenbollen")
    work()
    assert sorted(m["status"] for m in outbox(settings) if m["to"] in (TRUUS, SUSAN)) == ["held", "sent"]
    [alert] = outbox(settings, to=COORDINATOR)
    assert alert["status"] == "sent"


def test_without_a_setting_a_small_village_may_send_a_thousand_a_day(settings, demo, db):
    home = village(db)
    rows = put_all(db, home.id, [Outgoing("sms", f"+316300{i:05d}", "hallo") for i in range(1001)], now=NOW)
    assert statuses(rows).count("queued") == 1001 and statuses(rows)[1000] == "held"
