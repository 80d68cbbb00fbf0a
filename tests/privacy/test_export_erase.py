"""`dorpslijn privacy export` and `erase`: all we hold about a number, then none of it, with the
orders kept for the shops' books and what can still be cancelled cancelled."""
import json

import pytest
from sqlalchemy import select

from cli.main import main
from dorpslijn.audit import AuditEvent
from dorpslijn.db import session_scope
from dorpslijn.messages import Outgoing
from messaging import outbox as bots_outbox
from messaging.models import OutboundMessage
from orders.models import Order, Resident, Village
from tests.support.outbox import orders_json, outbox
from tests.support.people import BAKER, COORDINATOR, TRUUS

INEKE = "+31612345651"  # Truus's daughter, her contact person
KEES, FATIMA = "+31612345611", "+31612345612"
TRUUS_WRITTEN = ("+31612345601", "0612345601", "06-12345601", "612345601")
TRUUS_WORDS = ("Truus Lamberts", "Kerkstraat 4", "bel 2x aan")


def cli(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def order_and_close_a_day(phone, work, capsys):
    """Truus orders for Tuesday, the shops answer, Tuesday is closed (rounds out); then she
    orders for Friday, and Ineke, her daughter, texts us too."""
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja")
    work()
    [tuesday] = orders_json(capsys)
    phone(BAKER).text(f"OK {tuesday['number']}")
    work()
    assert cli(capsys, "rounds", "close", "--date", tuesday["delivery_date"])[0] == 0
    work()
    truus.text("1 wit brood heel")
    truus.text("ja")
    phone(INEKE).text("voor mijn moeder: STATUS")
    work()
    friday = [o for o in orders_json(capsys) if o["number"] != tuesday["number"]][0]
    assert friday["delivery_date"] > tuesday["delivery_date"]
    return tuesday, friday


def test_the_export_holds_her_record_carer_messages_and_orders(phone, work, settings, demo, capsys):
    tuesday, friday = order_and_close_a_day(phone, work, capsys)

    code, out, _ = cli(capsys, "privacy", "export", "06-12345601")
    assert code == 0
    document = json.loads(out)
    [record] = document["residents"]
    assert record["name"] == "Truus Lamberts" and record["address"] == "Kerkstraat 4"
    assert record["opted_out"] is False
    assert document["carer_links"]["contact_persons"][0]["phone"] == INEKE
    assert {o["number"] for o in document["orders"]} == {tuesday["number"], friday["number"]}
    bodies = [(m["direction"], m["body"]) for m in document["messages"]]
    assert ("in", "4 krentenbollen") in bodies and ("in", "1 wit brood heel") in bodies
    assert any(d == "out" and "Krentenbol" in b for d, b in bodies)
    assert [m["at"] for m in document["messages"]] == sorted(m["at"] for m in document["messages"])
    assert "opt_out_history" in document and "tasks" in document


def test_the_carer_gets_her_own_export_with_the_link_to_her_mother(phone, work, settings, demo, capsys):
    order_and_close_a_day(phone, work, capsys)
    document = json.loads(cli(capsys, "privacy", "export", INEKE)[1])
    assert document["residents"] == []
    assert document["carer_links"]["contact_person_of"][0]["name"] == "Truus Lamberts"
    assert any(m["body"] == "voor mijn moeder: STATUS" for m in document["messages"])


def test_a_number_nobody_has_exits_1_with_a_clear_message(settings, demo, capsys):
    code, out, err = cli(capsys, "privacy", "export", "06-99999999")
    assert code == 1 and out == ""
    assert "nothing is stored about this number" in err
    assert cli(capsys, "privacy", "erase", "06-99999999")[0] == 1
    assert cli(capsys, "privacy", "export", "geen nummer")[0] == 1


def test_after_erasing_neither_outbox_nor_orders_shows_her(phone, work, settings, demo, capsys, db):
    tuesday, friday = order_and_close_a_day(phone, work, capsys)
    with session_scope(settings.database_url) as session:  # a reminder waits to be sent to her
        village = session.scalar(select(Village))
        [waiting] = bots_outbox.put_all(session, village.id, [Outgoing("sms", TRUUS, "Herinnering voor Truus")])
        waiting_id = waiting.id
    shop_messages_before = len(outbox(settings, to=BAKER))

    code, out, _ = cli(capsys, "privacy", "erase", "+31 6 1234 5601")
    assert code == 0 and "orders_cancelled: 1" in out
    work()

    outbox_text = cli(capsys, "outbox", "--json")[1]
    orders_text = cli(capsys, "orders", "--json")[1]
    for shown in (outbox_text, orders_text):
        for written in (*TRUUS_WRITTEN, *TRUUS_WORDS):
            assert written.lower() not in shown.lower(), written
    orders = {o["number"]: o for o in orders_json(capsys)}
    assert orders[tuesday["number"]]["status"] == "confirmed", "a closed day's order stays, for the books"
    assert orders[tuesday["number"]]["total"] == tuesday["total"]
    assert orders[tuesday["number"]]["customer_phone"] == ""
    assert orders[friday["number"]]["status"] == "cancelled", "Friday still took cancellations"
    to_baker = outbox(settings, to=BAKER)
    assert len(to_baker) == shop_messages_before + 1
    assert f"{friday['number']}" in to_baker[-1]["body"] and "afgezegd" in to_baker[-1]["body"]
    db.expire_all()
    assert db.get(OutboundMessage, waiting_id).status == "cancelled", "what waited for her is not sent"
    round_texts = " ".join(m["body"] for m in outbox(settings, to=KEES) + outbox(settings, to=FATIMA))
    assert f"{tuesday['number']}: [gewist]" in round_texts, "the round keeps the stop, without her"

    truus = db.scalar(select(Resident).where(Resident.erased_at.is_not(None)))
    assert (truus.name, truus.address, truus.notes, truus.contact_phone) == ("", "", "", "")
    assert db.scalar(select(Order).where(Order.number == tuesday["number"])).resident_id == truus.id
    assert cli(capsys, "privacy", "export", TRUUS)[0] == 1, "nothing is left to export"


def test_every_export_and_erasure_is_in_the_audit_trail_without_the_number(phone, work, settings, demo,
                                                                          capsys, db):
    phone(TRUUS).text("4 krentenbollen")
    work()
    cli(capsys, "privacy", "export", TRUUS)
    cli(capsys, "privacy", "erase", TRUUS)
    db.expire_all()
    events = db.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert [e.action for e in events] == ["privacy.export", "privacy.erase"]
    assert all(e.actor.startswith("command line") and e.subject.startswith("resident ") for e in events)
    assert events[1].before["messages"] >= 2 and events[1].after["messages_in"] == 1
    stored = json.dumps([[e.subject, e.before, e.after] for e in events])
    assert "12345601" not in stored and "Truus" not in stored


def test_a_shops_number_is_not_erased_by_the_command(settings, demo, capsys):
    code, _, err = cli(capsys, "privacy", "erase", BAKER)
    assert code == 1 and "shop" in err
    assert json.loads(cli(capsys, "privacy", "export", BAKER)[1])["shops"][0]["name"]


@pytest.mark.parametrize("written", ["0612345601", "+31612345601", "0031 6 12345601"])
def test_the_number_may_be_written_as_residents_write_it(settings, demo, capsys, written):
    assert json.loads(cli(capsys, "privacy", "export", written)[1])["residents"][0]["name"] == "Truus Lamberts"


def test_the_coordinator_alert_about_a_new_number_forgets_it(phone, work, settings, demo, capsys):
    stranger = "+31612999999"
    phone(stranger).text("Goedemorgen, ik wil graag boodschappen")
    work()
    assert any("12999999" in m["body"] for m in outbox(settings, to=COORDINATOR))
    assert cli(capsys, "privacy", "erase", "0612999999")[0] == 0
    shown = cli(capsys, "outbox", "--json")[1]
    assert "12999999" not in shown and "ik wil graag boodschappen" not in shown, "nor what they wrote"


def test_her_telegram_chat_is_exported_and_erased_with_her(client, work, settings, demo, capsys):
    def telegram(update_id, **message):
        update = {"update_id": update_id, "message": {"message_id": update_id, "date": 1_700_000_000,
                                                      "chat": {"id": 7001, "type": "private"},
                                                      "from": {"id": 7001, "first_name": "Truus"}, **message}}
        client.post("/telegram/webhook", json=update,
                    headers={"X-Telegram-Bot-Api-Secret-Token": settings.telegram_webhook_secret})
    telegram(810_001, contact={"phone_number": TRUUS.removeprefix("+"), "user_id": 7001})
    telegram(810_002, text="6 eieren")
    work()
    document = json.loads(cli(capsys, "privacy", "export", TRUUS)[1])
    assert any(m["channel"] == "telegram" and m["body"] == "6 eieren" for m in document["messages"])
    assert document["residents"][0]["telegram_chat_id"] == "7001"

    cli(capsys, "privacy", "erase", TRUUS)
    rows = [json.loads(line) for line in cli(capsys, "outbox", "--json")[1].splitlines()]
    assert rows and not [r for r in rows if r["to"] == "7001" or "Truus" in r["body"]]
