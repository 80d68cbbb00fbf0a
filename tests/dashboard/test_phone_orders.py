"""Bestelling opnemen: a coordinator types what a resident says on the phone, through the text basket dialog."""
from sqlalchemy import select

from dorpslijn.db import session_scope
from orders.models import Order, Resident
from tests.support.forms import csrf_token
from tests.support.outbox import orders_json, outbox
from tests.support.people import BAKER, TRUUS
from web.dashboard.models import Coordinator


def resident_id(settings, phone=TRUUS):
    with session_scope(settings.database_url) as session:
        return session.scalar(select(Resident.id).where(Resident.phone == phone))


def say(client, resident, text):
    path = f"/dashboard/residents/{resident}/order"
    client.post(path, data={"text": text, "csrf_token": csrf_token(client, path)})
    return client.get(path).get_data(as_text=True)


def test_a_phone_order_asks_the_numbered_choice_reads_back_and_confirms_for_the_resident(signed_in, settings, capsys):
    truus = resident_id(settings)
    page = say(signed_in, truus, "brood en 2 postzegels")
    assert "1. Wit brood heel" in page and 'value="1"' in page
    assert outbox(settings, TRUUS) == []

    page = say(signed_in, truus, "2")
    assert "Bruin brood heel" in page and "Postzegels verkopen we niet" in page and 'value="JA"' in page
    assert orders_json(capsys) == []

    page = say(signed_in, truus, "JA")
    assert "is doorgegeven" in page
    [order] = orders_json(capsys)
    assert order["customer_phone"] == TRUUS and order["status"] == "confirmed"
    assert [i["sku"] for so in order["shop_orders"] for i in so["items"]] == ["BAK-BRUIN-HEEL"]
    [confirmation] = outbox(settings, TRUUS)
    assert str(order["number"]) in confirmation["body"] and confirmation["channel"] == "sms"
    assert "is doorgegeven" in confirmation["body"]
    assert any(str(order["number"]) in m["body"] for m in outbox(settings, BAKER)), "the baker gets their part"
    with session_scope(settings.database_url) as session:
        placed = session.scalar(select(Order).where(Order.number == order["number"]))
        anja = session.scalar(select(Coordinator))
        assert (placed.channel, placed.taken_by_id) == ("staff", anja.id)


def test_stopping_a_phone_order_orders_nothing_and_tells_nobody(signed_in, settings, capsys):
    truus = resident_id(settings)
    say(signed_in, truus, "1 wit brood heel")
    path = f"/dashboard/residents/{truus}/order/stop"
    signed_in.post(path, data={"csrf_token": csrf_token(signed_in, f"/dashboard/residents/{truus}/order")})
    say(signed_in, truus, "JA")
    assert orders_json(capsys) == []
    assert outbox(settings, TRUUS) == []


def test_another_villages_resident_cannot_be_ordered_for(signed_in, settings, giethoorn):
    geesje = resident_id(settings, "+31612399902")
    assert signed_in.get(f"/dashboard/residents/{geesje}/order").status_code == 404
    path = f"/dashboard/residents/{geesje}/order"
    response = signed_in.post(path, data={"text": "kaas", "csrf_token": csrf_token(signed_in, "/dashboard/")})
    assert response.status_code == 404


def test_a_phone_order_left_at_its_read_back_is_not_reminded_to_the_resident(signed_in, settings):
    from datetime import timedelta

    from bots import followups
    say(signed_in, resident_id(settings), "4 krentenbollen")
    with session_scope(settings.database_url) as session:
        later = settings.now() + timedelta(hours=4)
        followups.run(session, later)
        followups.run(session, later + timedelta(hours=3))
    assert outbox(settings, TRUUS) == []
