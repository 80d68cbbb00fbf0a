"""The coordinator's privacy actions on a resident's page: all data as a download, or erased
after typing WISSEN; both in the audit trail, and only for the coordinator's own village."""
import json

from sqlalchemy import select

from dorpslijn.audit import AuditEvent
from orders.models import Resident
from tests.support.accounts import EMAIL, OTHER_EMAIL, PASSWORD
from tests.support.forms import csrf_token
from tests.support.outbox import orders_json
from tests.support.people import TRUUS


def truus_id(db):
    return db.scalar(select(Resident.id).where(Resident.phone == TRUUS))


def post(client, path, data=None, page=None):
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, page or path)})


def test_the_coordinator_downloads_all_of_a_residents_data_and_it_is_audited(signed_in, phone, work, db, capsys):
    phone(TRUUS).text("4 krentenbollen")
    work()
    page = f"/dashboard/residents/{truus_id(db)}"
    assert "Alle gegevens downloaden" in signed_in.get(page).get_data(as_text=True)

    response = post(signed_in, f"{page}/export", page=page)
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    document = json.loads(response.get_data(as_text=True))
    assert document["residents"][0]["name"] == "Truus Lamberts"
    assert any(m["body"] == "4 krentenbollen" for m in document["messages"])
    db.expire_all()
    [event] = db.scalars(select(AuditEvent)).all()
    assert (event.actor, event.action) == (f"coordinator {EMAIL}", "privacy.export")
    assert event.subject == f"resident {truus_id(db)}" and event.at is not None


def test_erasing_asks_for_the_word_first_then_removes_her_and_keeps_the_order(signed_in, phone, work, db, capsys):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja")
    work()
    resident_id = truus_id(db)
    erase = f"/dashboard/residents/{resident_id}/erase"
    assert "WISSEN" in signed_in.get(erase).get_data(as_text=True)

    refused = post(signed_in, erase, {"confirm": "ja"})
    assert refused.status_code == 400
    db.expire_all()
    assert db.get(Resident, resident_id).name == "Truus Lamberts", "nothing erased without the word"

    done = post(signed_in, erase, {"confirm": "wissen"})
    assert done.status_code == 302 and done.location.endswith("/dashboard/residents/")
    listing = signed_in.get("/dashboard/residents/").get_data(as_text=True)
    assert "Truus Lamberts" not in listing and "gewist" in listing
    [kept] = orders_json(capsys)
    assert kept["customer_phone"] == "" and kept["status"] == "cancelled"
    db.expire_all()
    [event] = db.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.erase")).all()
    assert event.actor == f"coordinator {EMAIL}" and event.after["orders_cancelled"] == 1
    assert "Truus" not in json.dumps([event.subject, event.before, event.after])
    assert signed_in.get(erase).status_code == 404, "an erased resident has no page to erase again"
    assert signed_in.get(f"/dashboard/residents/{resident_id}").status_code == 404, "nor one to fill in again"


def test_another_villages_coordinator_can_neither_download_nor_erase(client, coordinator, giethoorn, db):
    client.post("/dashboard/login", data={"email": OTHER_EMAIL, "password": PASSWORD,
                                          "csrf_token": csrf_token(client, "/dashboard/login")})
    resident_id = truus_id(db)
    token = csrf_token(client, "/dashboard/residents/")
    assert client.post(f"/dashboard/residents/{resident_id}/export", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/dashboard/residents/{resident_id}/erase",
                       data={"csrf_token": token, "confirm": "WISSEN"}).status_code == 404
    db.expire_all()
    assert db.get(Resident, resident_id).name == "Truus Lamberts"
    assert db.scalars(select(AuditEvent)).all() == []
