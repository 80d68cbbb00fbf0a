"""Where a resident hears from us; at the edge: SMS in GSM-7, WhatsApp's 24-hour window, and
Twilio's own STOP (error 21610)."""
import json
from types import SimpleNamespace as Thing

from sqlalchemy import select

from messaging import sms_text
from messaging.models import OutboundMessage
from orders import notices
from orders.models import Resident
from tests.support.outbox import outbox
from tests.support.people import TRUUS, VILLAGE_PHONE

CHAT = "5551234"


def test_a_resident_hears_from_us_where_they_ordered_or_else_where_they_wrote_last():
    truus = Thing(phone=TRUUS, telegram_chat_id=CHAT, wrote_on="telegram")
    assert notices.resident(truus, "whatsapp") == ("whatsapp", TRUUS)
    assert notices.resident(truus, "voice") == ("telegram", CHAT), "a phone order is answered in writing"
    assert notices.resident(Thing(phone=TRUUS, telegram_chat_id=CHAT, wrote_on=None), "staff") == ("sms", TRUUS), \
        "never wrote: SMS"
    assert notices.resident(Thing(phone=TRUUS, telegram_chat_id=None, wrote_on="telegram")) == ("sms", TRUUS), \
        "a chat no longer linked is not where she hears from us"


def test_a_resident_who_writes_on_whatsapp_hears_about_an_order_taken_by_phone_on_whatsapp(
        phone, work, settings, demo, clock, db):
    phone(TRUUS, channel="whatsapp").text("Goedemorgen")
    work()
    truus = db.scalar(select(Resident).where(Resident.phone == TRUUS))
    assert truus.wrote_on == "whatsapp"
    assert notices.resident(truus, "voice") == ("whatsapp", TRUUS), "the delivery window of a phone order"


def test_an_sms_is_sent_in_gsm7_while_the_outbox_keeps_the_words(phone, work, settings, demo, clock, twilio_api):
    phone(TRUUS).text("1 kalanchoe")
    work()
    [stored] = outbox(settings, to=TRUUS)
    [sent] = twilio_api.messages
    assert "Kalanchoë" in stored["body"] and "Kalanchoe in pot" in sent["body"]
    assert sms_text.is_gsm7(sent["body"]) and "€" in sent["body"]


def test_whatsapp_within_24_hours_is_a_whatsapp_reply(phone, work, settings, demo, clock, twilio_api):
    phone(TRUUS, channel="whatsapp").text("4 krentenbollen")
    work()
    [reply] = twilio_api.messages
    assert reply["to"] == "whatsapp:" + TRUUS and reply["body"].startswith("Uw bestelling")


def test_whatsapp_outside_24_hours_falls_back_to_sms(phone, work, settings, demo, clock, twilio_api, db):
    phone(TRUUS, channel="whatsapp").text("herinner mij op woensdag om 10 uur")
    work()
    clock.tick("2026-11-25T10:05:00+01:00", work)
    reminder = twilio_api.messages[-1]
    assert reminder["to"] == TRUUS and reminder["from"] == VILLAGE_PHONE and "ZELFDE" in reminder["body"]
    row = db.scalar(select(OutboundMessage).order_by(OutboundMessage.id.desc()))
    assert row.channel == "whatsapp" and row.extra["sent_as"] == "sms"


def test_whatsapp_outside_24_hours_uses_the_approved_template_when_configured(
        phone, work, settings, demo, clock, twilio_api, monkeypatch):
    monkeypatch.setenv("TWILIO_WHATSAPP_CONTENT_SID", "HX" + "a" * 32)
    phone(TRUUS, channel="whatsapp").text("herinner mij op woensdag om 10 uur")
    work()
    clock.tick("2026-11-25T10:05:00+01:00", work)
    reminder = twilio_api.messages[-1]
    assert reminder["to"] == "whatsapp:" + TRUUS and reminder["content_sid"] == "HX" + "a" * 32
    assert "ZELFDE" in json.loads(reminder["content_variables"])["1"]


def test_twilio_stop_21610_is_never_retried_and_counts_as_stop(phone, work, settings, demo, clock, twilio_api, db):
    twilio_api.unsubscribed.add(TRUUS)
    phone(TRUUS).text("4 krentenbollen")
    work()
    [row] = outbox(settings, to=TRUUS)
    assert row["status"] == "failed" and twilio_api.messages == []
    message = db.scalar(select(OutboundMessage).where(OutboundMessage.to == TRUUS))
    assert message.attempts == 1
    assert db.scalar(select(Resident).where(Resident.phone == TRUUS)).opted_out is True
