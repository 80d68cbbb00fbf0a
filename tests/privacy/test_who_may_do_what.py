"""Who may do what: a number answers only for what is its own, whatever it texts."""
from sqlalchemy import select

from cli.main import main
from orders.models import Resident, Task
from tests.support.outbox import orders_by_phone, orders_json, outbox
from tests.support.people import BAKER, BUTCHER, COORDINATOR, SUSAN, TRUUS

KEES, FATIMA = "+31612345611", "+31612345612"
BERTUS = "+31612345602"
STRANGER = "+31612999999"


def ordered(phone, work, capsys, who, text):
    resident = phone(who)
    resident.text(text)
    resident.text("ja")
    work()
    return orders_by_phone(capsys)[who]


def statuses(capsys, number):
    order = next(o for o in orders_json(capsys) if o["number"] == number)
    return {so["shop_id"]: so["status"] for so in order["shop_orders"]}, order


def test_a_shop_cannot_accept_or_sell_out_another_shops_order(phone, work, settings, demo, capsys):
    number = ordered(phone, work, capsys, TRUUS, "4 krentenbollen en een pond rundergehakt")["number"]
    only_butcher = ordered(phone, work, capsys, BERTUS, "2 slavinken")["number"]
    baker = phone(BAKER)
    baker.text(f"OK {only_butcher}")
    baker.text(f"OP {only_butcher} slavinken")
    baker.text(f"OP {number} gehakt")  # the order has a baker's part, but the minced meat is the butcher's
    work()
    answers = [m["body"] for m in outbox(settings, to=BAKER)][-3:]
    assert all("niets veranderd" in a for a in answers[:2]), answers
    assert "Rundergehakt" not in answers[2]

    butcher_part, order = statuses(capsys, only_butcher)
    assert butcher_part == {"vandam": "sent"} and order["total"] == 3.90
    both, order = statuses(capsys, number)
    assert both == {"korenschoof": "sent", "vandam": "sent"} and order["total"] == 11.38
    assert not any("op" in m["body"].lower().split() for m in outbox(settings, to=TRUUS)[2:]), \
        "nobody told Truus her meat is sold out"


def test_a_volunteer_cannot_report_on_another_riders_round(phone, work, settings, demo, capsys, db):
    placed = {who: ordered(phone, work, capsys, who, text)["number"]
              for who, text in ((TRUUS, "4 krentenbollen"), (BERTUS, "2 slavinken"))}
    phone(BAKER).text(f"OK {placed[TRUUS]}")
    phone(BUTCHER).text(f"OK {placed[BERTUS]}")
    work()
    main(["rounds", "close", "--date", orders_by_phone(capsys)[TRUUS]["delivery_date"]])
    work()
    rider = next(v for v in (KEES, FATIMA) if f" {placed[TRUUS]}:" in " ".join(
        m["body"] for m in outbox(settings, to=v)))
    other = FATIMA if rider == KEES else KEES
    alerts_before = len(outbox(settings, to=COORDINATOR))

    phone(other).text(f"NIET THUIS {placed[TRUUS]}")
    phone(other).text(f"BEZORGD {placed[TRUUS]}")
    work()
    assert all("niet in uw ronde" in m["body"] for m in outbox(settings, to=other)[-2:])
    assert len(outbox(settings, to=COORDINATOR)) == alerts_before, "no alarm about a door nobody knocked on"
    assert db.scalars(select(Task).where(Task.kind == "not_home")).all() == []
    assert orders_by_phone(capsys)[TRUUS]["status"] == "confirmed"


def test_texting_from_a_number_never_changes_another_residents_order_or_address(phone, work, settings, demo,
                                                                                capsys, db):
    truus_order = ordered(phone, work, capsys, TRUUS, "4 krentenbollen")
    number = truus_order["number"]
    phone(TRUUS).text("1 wit brood heel")  # a basket of hers is being read back
    work()

    susan = phone(SUSAN)
    susan.text(f"ANNULEER {number}")
    susan.text(f"CANCEL {number}")
    susan.text("yes")
    stranger = phone(STRANGER)
    stranger.text(f"ANNULEER {number}")
    stranger.text("Truus Lamberts")
    stranger.text("Dorpsstraat 99, 8064 ZZ Zwartsluis")
    stranger.text("ja")
    work()

    assert orders_by_phone(capsys)[TRUUS] == truus_order, "her order is as she left it"
    assert len(orders_json(capsys)) == 1, "nobody else's JA confirmed her basket"
    db.expire_all()
    truus = db.scalar(select(Resident).where(Resident.phone == TRUUS))
    assert (truus.name, truus.address, truus.postcode) == ("Truus Lamberts", "Kerkstraat 4", "8064 BD")
    newcomer = db.scalar(select(Resident).where(Resident.phone == STRANGER))
    assert newcomer is not None and newcomer.checked is False, "the stranger is a new resident, to be checked"
    assert "Klopt dit" in outbox(settings, to=TRUUS)[-1]["body"], "her basket still waits for her own JA"


def test_a_telegram_chat_links_only_by_sharing_its_own_contact_in_its_own_chat(client, settings, demo, work, db):
    def post(chat_id, from_id, **message):
        update = {"update_id": 900_000 + len(message) + from_id % 1000 + (chat_id % 997),
                  "message": {"message_id": 1, "date": 1_700_000_000,
                              "chat": {"id": chat_id, "type": "private" if chat_id == from_id else "group"},
                              "from": {"id": from_id, "is_bot": False, "first_name": "Kees"}, **message}}
        response = client.post("/telegram/webhook", json=update,
                               headers={"X-Telegram-Bot-Api-Secret-Token": settings.telegram_webhook_secret})
        assert response.status_code == 200

    group = -1001234
    post(group, 7005, contact={"phone_number": TRUUS.removeprefix("+"), "user_id": 7005})  # a member's own card
    post(7006, 7006, text=f"Mijn nummer is {TRUUS}, ik ben Truus")
    post(7007, 7007, contact={"phone_number": TRUUS, "user_id": 7001})  # someone else's card
    work()
    db.expire_all()
    assert db.scalar(select(Resident.telegram_chat_id).where(Resident.phone == TRUUS)) is None
    assert "groep" in outbox(settings, to=str(group))[-1]["body"]

    post(7001, 7001, contact={"phone_number": TRUUS.removeprefix("+"), "user_id": 7001})
    work()
    db.expire_all()
    assert db.scalar(select(Resident.telegram_chat_id).where(Resident.phone == TRUUS)) == "7001"
