"""A delivery day closed: volunteers get their rounds, residents a time window, shops a packing
list; volunteers report at the door, and a door that stays closed alerts the coordinator."""
from datetime import date

from sqlalchemy import select

from cli.main import main
from orders.models import Order, Task
from tests.support.outbox import orders_by_phone, outbox
from tests.support.people import BAKER, BERTUS, BUTCHER, COORDINATOR, FATIMA, GRIETJE, KEES, TRUUS
from tests.support.rounds import close, place_orders, rider_of

HENK = "+31612345653"
STRANGER = "+31612999999"


def test_from_closed_day_to_the_door(phone, work, settings, demo, capsys, db):
    orders = place_orders(phone, work, capsys)
    truus_number, grietje_number = orders[TRUUS]["number"], orders[GRIETJE]["number"]
    day = orders[TRUUS]["delivery_date"]

    summary = close(capsys, day)
    assert "rounds: " in summary and "unassigned: 0" in summary
    work()

    rider, round_text = rider_of(settings, truus_number)
    assert "Ophalen: Bakkerij De Korenschoof" in round_text
    assert round_text.index("Ophalen") < round_text.index(f" {truus_number}:"), "pick-ups first"
    assert "Kerkstraat 4" in round_text and "Bel 2x aan" in round_text
    assert "Ontvang € 11,38 contant" in round_text
    assert "BEZORGD" in round_text
    assert all(len(m["body"]) <= 1600 for m in outbox(settings) if m["to"] in (KEES, FATIMA))
    _, grietje_round = rider_of(settings, grietje_number)
    assert "Niets ontvangen (factuur)" in grietje_round

    window = outbox(settings, to=TRUUS)[-1]["body"]
    assert str(truus_number) in window and "tussen" in window and "€ 11,38 contant" in window
    phone(TRUUS).text("status")
    work()
    hours = window.split("tussen ")[1].split(".")[0]
    assert hours.split(" en ")[0] in outbox(settings, to=TRUUS)[-1]["body"], "STATUS shows the time window"
    packing = outbox(settings, to=BAKER)[-1]["body"]
    assert "Paklijst" in packing and str(truus_number) in packing and "4x Krentenbol" in packing
    assert "Rundergehakt" not in packing and str(orders[BERTUS]["number"]) not in packing
    assert "Om " in packing, "the packing list says when the bags are collected"

    db.expire_all()
    from orders.rounds import delivery_window
    order = db.scalar(select(Order).where(Order.number == truus_number))
    assert delivery_window(db, order) is not None

    sent_before = len(outbox(settings))
    assert "already: True" in close(capsys, day)
    work()
    assert len(outbox(settings)) == sent_before, "closing twice sends nothing twice"

    other = FATIMA if rider == KEES else KEES
    phone(other).text(f"BEZORGD {truus_number}")
    phone(rider).text("bezorgd 999")
    phone(STRANGER).text(f"BEZORGD {truus_number}")
    work()
    assert "niet in uw ronde" in outbox(settings, to=other)[-1]["body"]
    assert "kennen wij niet" in outbox(settings, to=rider)[-1]["body"]
    assert "Wat is uw naam?" in outbox(settings, to=STRANGER)[-1]["body"], "a stranger is asked who they are"
    assert orders_by_phone(capsys)[TRUUS]["status"] == "confirmed"

    phone(rider).text(f"Bezorgd {truus_number}, alles goed")
    work()
    assert "bezorgd" in outbox(settings, to=TRUUS)[-1]["body"]
    assert str(truus_number) in outbox(settings, to=rider)[-1]["body"]
    assert orders_by_phone(capsys)[TRUUS]["status"] == "delivered"

    phone(rider).text(f"bezorgd {truus_number}")
    work()
    assert "al als bezorgd" in outbox(settings, to=rider)[-1]["body"]

    grietje_rider, _ = rider_of(settings, grietje_number)
    coordinator_before = len(outbox(settings, to=COORDINATOR))
    phone(grietje_rider).text(f"NIET THUIS {grietje_number}")
    work()
    [alert] = outbox(settings, to=COORDINATOR)[coordinator_before:]
    assert "NIET THUIS" in alert["body"] and "Grietje Smit" in alert["body"] and "Stationsweg 31" in alert["body"]
    [to_contact] = outbox(settings, to=HENK)
    assert "Grietje Smit" in to_contact["body"] and "niemand deed open" in to_contact["body"].lower()
    assert "coördinator" in outbox(settings, to=grietje_rider)[-1]["body"]
    db.expire_all()
    assert db.scalar(select(Task).where(Task.kind == "not_home")) is not None
    assert orders_by_phone(capsys)[GRIETJE]["status"] == "confirmed"


def test_a_round_after_a_sold_out_line_collects_the_new_total(phone, work, settings, demo, capsys):
    orders = place_orders(phone, work, capsys)
    phone(BUTCHER).text(f"OP {orders[TRUUS]['number']} gehakt")
    phone(TRUUS).text("nee")
    work()
    close(capsys, orders[TRUUS]["delivery_date"])
    work()
    _, round_text = rider_of(settings, orders[TRUUS]["number"])
    assert "Ontvang € 3,40 contant" in round_text
    assert "Rundergehakt" not in outbox(settings, to=BUTCHER)[-1]["body"]


def test_a_day_without_orders_closes_quietly(settings, demo, capsys, work):
    assert "rounds: 0" in close(capsys, date.today().isoformat())
    work()
    assert outbox(settings) == []


def test_without_a_date_the_next_delivery_day_by_the_villages_clock_is_closed(phone, work, settings, demo, capsys,
                                                                               monkeypatch):
    monkeypatch.setenv("DORPSLIJN_CLOCK", "2026-11-23T09:00:00+01:00")  # Monday; Tuesday closes at 18:00
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja")
    work()
    assert orders_by_phone(capsys)[TRUUS]["delivery_date"] == "2026-11-24"
    monkeypatch.setenv("DORPSLIJN_CLOCK", "2026-11-23T18:30:00+01:00")
    capsys.readouterr()
    main(["rounds", "close"])
    assert "rounds: 1" in capsys.readouterr().out
    work()
    assert any("Uw ronde dinsdag 24 november" in m["body"] for m in outbox(settings) if m["to"] in (KEES, FATIMA))

