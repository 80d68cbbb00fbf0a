"""Berichten: "did mrs. Lamberts get my message?" answered from one page, and a reply sent from it."""
from sqlalchemy import select

from messaging.models import OutboundMessage
from orders.models import Resident
from tests.support.forms import csrf_token
from tests.support.outbox import outbox
from tests.support.people import TRUUS
from tests.support.webhooks import signed_post


def _truus(db):
    return db.scalar(select(Resident).where(Resident.phone == TRUUS))


def test_a_residents_messages_in_and_out_show_newest_first_with_what_twilio_said(
        signed_in, phone, work, settings, demo, db, twilio_api):
    phone(TRUUS).text("2 krentenbollen graag")
    work()
    [read_back] = db.scalars(select(OutboundMessage).where(OutboundMessage.to == TRUUS)).all()
    signed_post(signed_in, settings, "/twilio/status",
                {"MessageSid": read_back.provider_id, "MessageStatus": "undelivered", "ErrorCode": "30003",
                 "ErrorMessage": "Unreachable destination handset"})

    page = signed_in.get(f"/dashboard/messages/resident/{_truus(db).id}").get_data(as_text=True)

    assert page.index("Klopt dit") < page.index("2 krentenbollen graag"), "newest first: the answer above the order"
    assert 'class="problem"' in page and "niet afgeleverd" in page
    assert "De telefoon staat uit of heeft geen bereik." in page, "the reason in words, not a code"
    problems = signed_in.get("/dashboard/messages/?problems=1").get_data(as_text=True)
    assert "Klopt dit" in problems and "2 krentenbollen graag" not in problems


def test_a_reply_from_the_page_goes_through_the_outbox_on_the_residents_channel(
        signed_in, phone, work, settings, demo, db):
    phone(TRUUS, channel="whatsapp").text("Is mijn bestelling binnen?")
    work()
    path = f"/dashboard/messages/resident/{_truus(db).id}"
    response = signed_in.post(path + "/reply", data={"body": "Ja hoor, morgen komt Kees.",
                                                     "csrf_token": csrf_token(signed_in, path)})
    assert response.status_code == 302
    work()
    [reply] = [m for m in outbox(settings, to=TRUUS) if m["body"] == "Ja hoor, morgen komt Kees."]
    assert reply["channel"] == "whatsapp" and reply["status"] == "sent"
    assert "Uw bericht staat klaar" in signed_in.get(path).get_data(as_text=True)


def test_an_empty_reply_sends_nothing(signed_in, settings, demo, db):
    path = f"/dashboard/messages/resident/{_truus(db).id}"
    signed_in.post(path + "/reply", data={"body": "  ", "csrf_token": csrf_token(signed_in, path)})
    assert outbox(settings, to=TRUUS) == []


def test_another_villages_coordinator_cannot_read_a_residents_messages(client, giethoorn, demo, db, phone, work):
    from tests.support.accounts import OTHER_EMAIL, PASSWORD
    phone(TRUUS).text("2 krentenbollen graag")
    work()
    client.post("/dashboard/login", data={"email": OTHER_EMAIL, "password": PASSWORD,
                                          "csrf_token": csrf_token(client, "/dashboard/login")})
    assert client.get(f"/dashboard/messages/resident/{_truus(db).id}").status_code == 404
    assert "krentenbollen" not in client.get("/dashboard/messages/").get_data(as_text=True)


def test_a_send_twilio_refused_shows_its_reason_in_words(signed_in, phone, work, settings, demo, db, twilio_api):
    twilio_api.unsubscribed.add(TRUUS)
    phone(TRUUS).text("2 krentenbollen graag")
    work()
    page = signed_in.get(f"/dashboard/messages/resident/{_truus(db).id}").get_data(as_text=True)
    assert "mislukt" in page and "Deze persoon heeft STOP gestuurd" in page


def test_every_message_names_who_sent_or_got_it(signed_in, phone, work, demo, db):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja")
    work()
    page = signed_in.get("/dashboard/messages/").get_data(as_text=True)
    rows = page.split("<tr")
    assert any("Truus Lamberts" in row and "4 krentenbollen" in row for row in rows)
    assert any("Bakkerij De Korenschoof" in row and "Krentenbol" in row for row in rows), "the baker's part"
