"""The whole way of a text order: SMS → read-back → JA → shop orders and shop messages."""
import subprocess
import sys

import pytest
from sqlalchemy import select

from messaging.models import InboundMessage
from orders.models import Order
from tests.support.outbox import orders_json, outbox
from tests.support.people import BAKER, BUTCHER, COORDINATOR, TRUUS
from worker.jobs import handle_inbound


def test_an_sms_order_is_read_back_confirmed_and_split_over_the_shops(phone, work, settings, demo, capsys):
    truus = phone(TRUUS)
    truus.text("Goedemorgen, graag 4 krentenbollen en een pond rundergehakt. Groetjes Truus")
    work()
    read_back = outbox(settings, to=TRUUS)[-1]["body"]
    assert "4x Krentenbol" in read_back and "1 pond Rundergehakt" in read_back
    assert "Bakkerij De Korenschoof" in read_back and "Slagerij Van Dam" in read_back
    assert "€ 11,38" in read_back and "JA" in read_back
    assert orders_json(capsys) == [], "a basket that is only read back is no order yet"

    truus.text("Ja graag")
    work()
    [order] = orders_json(capsys)
    assert order["customer_phone"] == TRUUS and order["status"] == "confirmed"
    assert order["number"] >= 100 and order["total"] == 11.38
    by_shop = {so["shop_id"]: so["items"] for so in order["shop_orders"]}
    assert by_shop == {"korenschoof": [{"sku": "BAK-KRENTENBOL", "quantity": 4, "price": 0.85}],
                       "vandam": [{"sku": "SLA-RUNDERGEHAKT", "quantity": 0.5, "price": 15.95}]}

    number = str(order["number"])
    assert number in outbox(settings, to=TRUUS)[-1]["body"]
    [to_baker] = outbox(settings, to=BAKER)
    [to_butcher] = outbox(settings, to=BUTCHER)
    assert number in to_baker["body"] and "Krentenbol" in to_baker["body"]
    assert "Rundergehakt" not in to_baker["body"], "a shop sees only its own lines"
    assert number in to_butcher["body"] and "Krentenbol" not in to_butcher["body"]
    assert all(m["status"] == "sent" for m in outbox(settings))


def test_an_unknown_number_gets_a_polite_answer_and_the_coordinator_is_told_once(phone, work, settings, demo):
    stranger = phone("+31611112222")
    stranger.text("2 krentenbollen graag")
    stranger.text("hallo?")
    work()
    answers = outbox(settings, to="+31611112222")
    assert len(answers) == 2 and "coördinator" in answers[0]["body"]
    [alert] = outbox(settings, to=COORDINATOR)
    assert "+31611112222" in alert["body"]


def test_bad_bodies_get_a_polite_answer_never_an_error(phone, work, settings, demo):
    truus = phone(TRUUS)
    for body in ["", "x" * 5000, "🙂🙂🙂", "\x00\x07\x1b[31m", "‮ مرحبا"]:
        assert truus.text(body).status_code == 200
    work()
    answers = outbox(settings, to=TRUUS)
    assert len(answers) == 5 and all(a["body"] for a in answers)


def test_one_residents_messages_are_answered_in_the_order_they_came(phone, work, settings, demo, db):
    truus = phone(TRUUS)
    truus.text("2 krentenbollen")
    truus.text("ja")
    work()
    db.expire_all()
    order = db.scalar(select(Order))
    assert order.status == "confirmed"
    bodies = [m["body"] for m in outbox(settings, to=TRUUS)]
    assert "Klopt dit" in bodies[0] and str(order.number) in bodies[1]


def test_a_message_handled_twice_is_answered_and_ordered_once(phone, work, settings, demo, db, capsys):
    truus = phone(TRUUS)
    truus.text("2 krentenbollen")
    truus.text("ja")
    work()
    for message in db.scalars(select(InboundMessage)).all():
        handle_inbound(message.id)  # as a job that RQ ran again after a crash
    work()
    assert len(orders_json(capsys)) == 1
    assert len(outbox(settings, to=TRUUS)) == 2 and len(outbox(settings, to=BAKER)) == 1


@pytest.mark.story  # the real worker command answers, in a process of its own
def test_dorpslijn_worker_burst_answers_what_the_webhook_took_in_and_returns(phone, settings, demo):
    phone(TRUUS).text("2 krentenbollen")
    subprocess.run([sys.executable, "-m", "cli", "worker", "--burst"], check=True, capture_output=True,
                   timeout=120)
    assert "2x Krentenbol" in outbox(settings, to=TRUUS)[-1]["body"]
