"""The scheduler forgets on time: what was said after the messages' term, the customer of an
order after the fiscal seven years; the resident and the shops' figures stay."""
import json
from datetime import timedelta

from sqlalchemy import select

from cli.main import main
from dorpslijn.db import utcnow
from dorpslijn.redis_server import connect
from orders.models import Resident
from tests.support.outbox import orders_by_phone, orders_json, outbox
from tests.support.people import TRUUS
from worker.schedule import tick


def order(phone, work):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja")
    work()


def export(capsys, phone_number=TRUUS):
    capsys.readouterr()
    main(["privacy", "export", phone_number])
    return json.loads(capsys.readouterr().out)


def test_message_bodies_are_blanked_after_the_configured_days(phone, work, settings, demo, capsys,
                                                              monkeypatch, db):
    monkeypatch.setenv("DORPSLIJN_KEEP_MESSAGES_DAYS", "30")
    order(phone, work)
    from dorpslijn.config import load_settings
    settings = load_settings()
    redis = connect(settings)

    tick(settings, redis, now=utcnow() + timedelta(days=29))
    assert any("Krentenbol" in m["body"] for m in outbox(settings, to=TRUUS)), "29 days: still there"

    redis.delete(*redis.keys("dorpslijn:retention:*"))
    tick(settings, redis, now=utcnow() + timedelta(days=31))
    assert {m["body"] for m in outbox(settings, to=TRUUS)} == {""}
    assert all(m["body"] == "" for m in export(capsys)["messages"])
    assert orders_by_phone(capsys)[TRUUS]["total"] == 3.40, "the order itself is kept"
    db.expire_all()
    assert db.scalar(select(Resident.address).where(Resident.phone == TRUUS)) == "Kerkstraat 4"


def test_orders_lose_their_customer_after_the_fiscal_seven_years(phone, work, settings, demo, capsys, db):
    order(phone, work)
    [placed] = orders_json(capsys)
    redis = connect(settings)

    tick(settings, redis, now=utcnow() + timedelta(days=365 * 7 - 30))
    assert orders_json(capsys)[0]["customer_phone"] == TRUUS

    redis.delete(*redis.keys("dorpslijn:retention:*"))
    tick(settings, redis, now=utcnow() + timedelta(days=365 * 7 + 30))
    [kept] = orders_json(capsys)
    assert kept["customer_phone"] == "" and kept["total"] == placed["total"], "the books still add up"
    assert export(capsys)["orders"] == [], "her export no longer holds the old order"
    db.expire_all()
    assert db.scalar(select(Resident.name).where(Resident.phone == TRUUS)) == "Truus Lamberts"
