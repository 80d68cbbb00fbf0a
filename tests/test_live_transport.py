"""The live transport: the real twilio client sends the outbox to a fake Twilio API on 127.0.0.1."""
from sqlalchemy import select

from messaging.models import OutboundMessage
from orders.models import Resident
from tests.support.outbox import outbox
from tests.support.people import BAKER, TRUUS, VILLAGE_PHONE
from tests.support.webhooks import signed_post
from worker.sending import send_outbound


def test_replies_and_shop_messages_are_sent_through_twilio(phone, work, settings, demo, twilio_api):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    work()
    [read_back] = twilio_api.messages
    assert read_back["to"] == TRUUS and read_back["from"] == VILLAGE_PHONE
    assert "Krentenbol" in read_back["body"]
    assert read_back["status_callback"] == "https://dorpslijn.test/twilio/status"
    truus.text("JA")
    work()
    assert {m["to"] for m in twilio_api.messages} == {TRUUS, BAKER}
    assert all(m["status"] == "sent" for m in outbox(settings))


def test_whatsapp_replies_go_from_the_villages_whatsapp_number(phone, work, settings, demo, twilio_api):
    phone(TRUUS, channel="whatsapp").text("4 krentenbollen")
    work()
    [reply] = twilio_api.messages
    assert reply["to"] == "whatsapp:" + TRUUS and reply["from"] == "whatsapp:" + VILLAGE_PHONE


def test_an_unsubscribed_number_is_never_retried_and_counts_as_stop(phone, work, settings, demo, twilio_api, db):
    twilio_api.unsubscribed.add(TRUUS)
    phone(TRUUS).text("4 krentenbollen")
    work()
    [message] = outbox(settings, to=TRUUS)
    assert message["status"] == "failed"
    assert db.scalar(select(Resident.opted_out).where(Resident.phone == TRUUS)) is True
    send_outbound(message["id"])
    assert twilio_api.messages == []


def test_a_twilio_outage_keeps_the_message_for_a_retry(phone, work, settings, demo, twilio_api, db):
    twilio_api.failing = 1
    phone(TRUUS).text("4 krentenbollen")
    work()
    [message] = outbox(settings, to=TRUUS)
    assert message["status"] == "retrying" and twilio_api.messages == []
    send_outbound(message["id"])
    assert outbox(settings, to=TRUUS)[0]["status"] == "sent" and len(twilio_api.messages) == 1


def test_status_callbacks_record_delivery(phone, work, client, settings, demo, twilio_api, db):
    phone(TRUUS).text("4 krentenbollen")
    work()
    sid = twilio_api.messages[0]["sid"]
    response = signed_post(client, settings, "/twilio/status", {"MessageSid": sid, "MessageStatus": "delivered"})
    assert response.status_code == 204
    assert db.scalar(select(OutboundMessage.status).where(OutboundMessage.provider_id == sid)) == "delivered"
