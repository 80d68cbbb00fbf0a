"""`POST /telegram/webhook`: only Telegram gets in, and every Update is stored once and queued."""
from sqlalchemy import select

from dorpslijn.redis_server import connect
from messaging.models import InboundMessage
from tests.support.telegram import STRANGER_CHAT
from worker.jobs import announced


def stored(db):
    db.expire_all()
    return db.scalars(select(InboundMessage)).all()


def queued(settings):
    return len(announced(connect(settings)))


def test_an_update_is_stored_as_a_telegram_message_from_the_chat_and_queued(chat, settings, db, demo):
    response = chat(STRANGER_CHAT).text("2 krentenbollen", update_id=41)
    assert response.status_code == 200
    [message] = stored(db)
    assert (message.channel, message.provider_id, message.sender, message.body) == (
        "telegram", "41", STRANGER_CHAT, "2 krentenbollen")
    assert queued(settings) == 1


def test_a_wrong_or_missing_secret_gets_403_and_nothing_is_stored(chat, settings, db, demo):
    assert chat(STRANGER_CHAT).text("hallo", secret="forged").status_code == 403
    assert chat(STRANGER_CHAT).text("hallo", secret="").status_code == 403
    assert stored(db) == [] and queued(settings) == 0


def test_the_same_update_twice_is_handled_once(chat, settings, db, demo):
    first = chat(STRANGER_CHAT).text("2 krentenbollen", update_id=42)
    second = chat(STRANGER_CHAT).text("2 krentenbollen", update_id=42)
    assert first.status_code == 200 and second.status_code == 200
    assert len(stored(db)) == 1 and queued(settings) == 1


def test_an_update_without_a_message_gets_200_and_nothing_is_done(client, settings, db, demo):
    response = client.post("/telegram/webhook", json={"update_id": 43, "edited_message": {"text": "x"}},
                           headers={"X-Telegram-Bot-Api-Secret-Token": settings.telegram_webhook_secret})
    assert response.status_code == 200 and stored(db) == []
    garbage = client.post("/telegram/webhook", data="not json",
                          headers={"X-Telegram-Bot-Api-Secret-Token": settings.telegram_webhook_secret})
    assert garbage.status_code == 200 and stored(db) == []


def test_start_asks_for_the_menu_and_a_voice_note_is_kept_by_its_file_id(chat, settings, db, demo):
    chat(STRANGER_CHAT).text("/start")
    chat(STRANGER_CHAT).send(voice={"file_id": "VOICE-1", "file_unique_id": "u1", "duration": 4,
                                    "mime_type": "audio/ogg"})
    start, voice = stored(db)
    assert start.body == "HULP"
    assert voice.body == "" and voice.media == [{"type": "audio/ogg", "telegram_file_id": "VOICE-1"}]
