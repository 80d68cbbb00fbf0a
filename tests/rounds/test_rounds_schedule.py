"""Before and at a cut-off the scheduler acts alone: a silent shop is reminded once and then
reported, a shortage of riders is reported before the cut-off, and at the cut-off the day
closes with packing lists for every shop, also for a shop that takes one list a day."""
from datetime import date, timedelta

from sqlalchemy import select, update

from dorpslijn.redis_server import connect
from orders.calendar import delivery_day_for
from orders.models import Shop, Task, Village, Volunteer
from tests.support.outbox import orders_by_phone, outbox
from tests.support.people import BAKER, BUTCHER, COORDINATOR, TRUUS
from worker.schedule import tick

KEES, FATIMA, BERTUS = "+31612345611", "+31612345612", "+31612345602"
WEEKDAYS = ["MA", "DI", "WO", "DO", "VR", "ZA", "ZO"]



def cutoff_of(db, day):
    db.expire_all()
    return delivery_day_for(db.scalar(select(Village)), date.fromisoformat(day)).cutoff


def test_a_silent_shop_is_reminded_once_then_the_coordinator_is_alerted(phone, work, settings, demo, capsys, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen en een pond rundergehakt")
    truus.text("ja")
    work()
    order = orders_by_phone(capsys)[TRUUS]
    phone(BUTCHER).text(f"OK {order['number']}")
    work()
    cutoff = cutoff_of(db, order["delivery_date"])
    redis = connect(settings)

    for hours_before in (3.5, 2.9, 2.5):
        tick(settings, redis, now=cutoff - timedelta(hours=hours_before))
        work()
    reminders = [m for m in outbox(settings, to=BAKER) if "Nog geen antwoord" in m["body"]]
    assert len(reminders) == 1 and str(order["number"]) in reminders[0]["body"]
    assert not any("Nog geen antwoord" in m["body"] for m in outbox(settings, to=BUTCHER)), "the butcher answered"
    assert outbox(settings, to=COORDINATOR) == []

    for minutes_before in (59, 30):
        tick(settings, redis, now=cutoff - timedelta(minutes=minutes_before))
        work()
    [alert] = outbox(settings, to=COORDINATOR)
    assert "Bakkerij De Korenschoof" in alert["body"] and str(order["number"]) in alert["body"]
    db.expire_all()
    assert db.scalar(select(Task).where(Task.kind == "shop_silent")) is not None


def test_at_the_cut_off_the_day_closes_and_a_rider_shortage_was_told_before(phone, work, settings, demo, capsys, db):
    db.execute(update(Shop).where(Shop.shop_id == "korenschoof").values(order_list="at_cutoff"))
    db.execute(update(Volunteer).values(capacity_bags=1))
    db.commit()
    for who, text in ((TRUUS, "4 krentenbollen en een pond rundergehakt"), (BERTUS, "2 krentenbollen")):
        resident = phone(who)
        resident.text(text)
        resident.text("ja")
    work()
    orders = orders_by_phone(capsys)
    assert outbox(settings, to=BAKER) == [], "this baker takes one list at the cut-off"
    day = orders[TRUUS]["delivery_date"]
    phone(FATIMA).text(f"Niet beschikbaar {WEEKDAYS[date.fromisoformat(day).weekday()]}")
    work()
    assert "niet" in outbox(settings, to=FATIMA)[-1]["body"]

    cutoff = cutoff_of(db, day)
    redis = connect(settings)
    tick(settings, redis, now=cutoff - timedelta(hours=2))
    work()
    [short] = outbox(settings, to=COORDINATOR)
    assert "Te weinig bezorgers" in short["body"] and "3 tassen" in short["body"]

    tick(settings, redis, now=cutoff + timedelta(minutes=1))
    work()
    assert outbox(settings, to=FATIMA)[-1]["body"].startswith("Genoteerd"), "Fatima rides no round"
    assert "Uw ronde" in outbox(settings, to=KEES)[-1]["body"]
    no_rider = outbox(settings, to=COORDINATOR)[-1]["body"]
    assert "Geen bezorger" in no_rider
    packing = "\n".join(m["body"] for m in outbox(settings, to=BAKER))
    assert "Paklijst" in packing and str(orders[TRUUS]["number"]) in packing
    assert str(orders[BERTUS]["number"]) in packing
    assert "Nog zonder bezorger" in packing

    tick(settings, redis, now=cutoff + timedelta(minutes=2))
    work()
    assert len(outbox(settings, to=COORDINATOR)) == 2, "the day closes once"
