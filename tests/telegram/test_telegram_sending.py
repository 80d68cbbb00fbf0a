"""The live transport for Telegram: python-telegram-bot's real Bot sends to a fake Bot API."""
import time

import pytest
from sqlalchemy import select

from dorpslijn.db import session_scope
from dorpslijn.messages import Outgoing
from dorpslijn.redis_server import connect
from messaging import telegram_flood
from messaging.exceptions import SendLater
from messaging.outbox import put_all
from orders.models import Order, Resident, Village
from tests.support.people import BAKER, TRUUS
from tests.support.telegram import TRUUS_CHAT, outbox_rows
from worker.queues import OUTBOX, queue
from worker.sending import enqueue_send


def link_truus(db):
    db.scalar(select(Resident).where(Resident.phone == TRUUS)).telegram_chat_id = TRUUS_CHAT
    db.commit()


def queue_to_truus(settings, *messages):
    """Outbox rows to Truus's chat, queued for sending as the inbound job would."""
    with session_scope(settings.database_url) as session:
        village = session.scalar(select(Village))
        ids = [row.id for row in put_all(session, village.id, list(messages))]
    enqueue_send(connect(settings), ids)


def test_a_linked_resident_orders_through_telegram_end_to_end(chat, work, settings, db, demo, live, flood_clock):
    link_truus(db)
    truus = chat(TRUUS_CHAT)
    truus.text("4 krentenbollen")
    work()
    [read_back] = live.sent(TRUUS_CHAT)
    assert "4x Krentenbol" in read_back["text"]
    [row] = outbox_rows(settings, TRUUS_CHAT)
    assert (row["channel"], row["to"], row["status"]) == ("telegram", TRUUS_CHAT, "sent")

    truus.text("JA")
    work()
    db.expire_all()
    order = db.scalar(select(Order))
    assert order.status == "confirmed" and order.channel == "telegram"
    assert str(order.number) in live.sent(TRUUS_CHAT)[-1]["text"]
    assert [m["status"] for m in outbox_rows(settings, BAKER)] == ["sent"], "the baker gets an SMS"
    assert live.methods().count("sendMessage") == 2
    [wait] = flood_clock.waits
    assert 0 < wait <= 1, "the confirmation waited its turn: one message a second to a chat"


def test_choices_become_a_reply_keyboard_and_other_messages_remove_it(settings, work, demo, live):
    queue_to_truus(settings, Outgoing("telegram", TRUUS_CHAT, "Klopt dit? Stuur JA.", {"choices": ["JA", "NEE"]}))
    work()
    queue_to_truus(settings, Outgoing("telegram", TRUUS_CHAT, "Dank u wel."))
    work()
    asked, thanked = live.sent(TRUUS_CHAT)
    assert asked["reply_markup"]["keyboard"] == [[{"text": "JA"}], [{"text": "NEE"}]]
    assert asked["reply_markup"]["one_time_keyboard"] is True
    assert thanked["reply_markup"] == {"remove_keyboard": True}


def test_ask_contact_becomes_the_button_that_shares_the_number(settings, work, demo, live):
    queue_to_truus(settings, Outgoing("telegram", TRUUS_CHAT, "Wie bent u?", {"ask_contact": True, "language": "en"}))
    work()
    [asked] = live.sent(TRUUS_CHAT)
    [[button]] = asked["reply_markup"]["keyboard"]
    assert button["request_contact"] is True and "Share my phone number" in button["text"]


def test_flood_control_sends_the_message_again_after_retry_after(settings, work, demo, live):
    live.flooded[TRUUS_CHAT] = 1
    queue_to_truus(settings, Outgoing("telegram", TRUUS_CHAT, "Uw bestelling komt vrijdag."))
    started = time.time()
    work()
    finished = time.time()
    [row] = outbox_rows(settings, TRUUS_CHAT)
    assert row["status"] == "retrying" and live.sent(TRUUS_CHAT)[0]["text"] == "Uw bestelling komt vrijdag."
    outbox = queue(connect(settings), OUTBOX)
    [later] = outbox.scheduled_job_registry.get_job_ids()
    at = outbox.scheduled_job_registry.get_scheduled_time(later).timestamp()  # whole seconds
    assert started < at <= finished + 1, "sent again once Telegram's retry_after has passed"

    outbox.enqueue_job(outbox.fetch_job(later))  # the time has come
    work()
    [row] = outbox_rows(settings, TRUUS_CHAT)
    assert row["status"] == "sent" and row["attempts"] == 2
    assert len(live.sent(TRUUS_CHAT)) == 2, "not lost: the second try went out"


def test_a_chat_that_blocked_the_bot_is_unlinked_and_the_message_goes_by_sms_instead(settings, work, demo, live,
                                                                                      db):
    link_truus(db)
    live.blocked.add(TRUUS_CHAT)
    queue_to_truus(settings, Outgoing("telegram", TRUUS_CHAT, "Uw bestelling komt vrijdag.", template="delivery_day"))
    work()
    [row] = outbox_rows(settings, TRUUS_CHAT)
    assert row["status"] == "failed" and "blocked" in row["error"]
    assert len(live.sent(TRUUS_CHAT)) == 1, "never retried on Telegram"
    [sms] = outbox_rows(settings, TRUUS)
    assert sms["channel"] == "sms" and sms["body"] == "Uw bestelling komt vrijdag." and sms["status"] == "sent"
    assert sms["template"] == "delivery_day", "the same message, by SMS"
    db.expire_all()
    assert db.scalar(select(Resident.telegram_chat_id).where(Resident.phone == TRUUS)) is None
    outbox = queue(connect(settings), OUTBOX)
    assert outbox.scheduled_job_registry.count == 0 and outbox.count == 0


def test_a_blocked_chat_nobody_is_linked_to_just_fails(settings, work, demo, live):
    live.blocked.add(TRUUS_CHAT)
    queue_to_truus(settings, Outgoing("telegram", TRUUS_CHAT, "Bent u al klant?"))
    work()
    [row] = outbox_rows(settings, TRUUS_CHAT)
    assert row["status"] == "failed" and outbox_rows(settings, TRUUS) == []


def test_one_message_a_second_to_a_chat_and_twenty_a_minute_to_a_group(settings, flood_clock):
    redis = connect(settings)
    assert telegram_flood.reserve(redis, "7001", now=1000.0) == 0
    assert telegram_flood.reserve(redis, "7001", now=1000.25) == pytest.approx(0.75)
    assert telegram_flood.reserve(redis, "7002", now=1000.25) == 0, "another chat is not held up"
    assert all(telegram_flood.reserve(redis, "-100", now=1020.0 + i) == 0 for i in range(20))
    assert telegram_flood.reserve(redis, "-100", now=1045.0) == pytest.approx(35.0)
    flood_clock.now = 1050.0
    with pytest.raises(SendLater):
        telegram_flood.wait_turn(redis, "-100")
