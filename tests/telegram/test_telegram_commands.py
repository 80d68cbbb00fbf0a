"""`dorpslijn telegram set-webhook` and `dorpslijn telegram poll`, against the fake Bot API."""
from sqlalchemy import select

from cli.main import main
from messaging.models import InboundMessage
from tests.support.telegram import STRANGER_CHAT, TRUUS_CHAT


def update(update_id, chat_id, text):
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 1_700_000_000, "text": text,
        "chat": {"id": int(chat_id), "type": "private"},
        "from": {"id": int(chat_id), "is_bot": False, "first_name": "Truus", "language_code": "nl"}}}


def test_set_webhook_points_telegram_at_our_webhook_with_the_secret(settings, bot_api, capsys):
    assert main(["telegram", "set-webhook"]) == 0
    assert bot_api.webhook["url"] == "https://dorpslijn.test/telegram/webhook"
    assert bot_api.webhook["secret_token"] == settings.telegram_webhook_secret
    assert "https://dorpslijn.test/telegram/webhook" in capsys.readouterr().out


def test_poll_removes_the_webhook_and_stores_each_update_once_even_when_fetched_twice(settings, bot_api, db, demo, work):
    bot_api.webhook = {"url": "https://elsewhere.example/telegram/webhook"}
    bot_api.updates = [update(901, TRUUS_CHAT, "4 krentenbollen"), update(902, STRANGER_CHAT, "hallo")]
    assert main(["telegram", "poll", "--once"]) == 0
    assert bot_api.webhook == {} and "deleteWebhook" in bot_api.methods()
    assert bot_api.updates == [], "what was fetched is confirmed with the next offset"
    bot_api.updates = [update(901, TRUUS_CHAT, "4 krentenbollen")]  # delivered again
    assert main(["telegram", "poll", "--once"]) == 0
    messages = db.scalars(select(InboundMessage).order_by(InboundMessage.id)).all()
    assert [(m.provider_id, m.sender, m.body) for m in messages] == [
        ("901", TRUUS_CHAT, "4 krentenbollen"), ("902", STRANGER_CHAT, "hallo")]


def test_without_a_token_the_commands_say_what_is_missing(settings, capsys):
    assert main(["telegram", "set-webhook"]) == 1
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err
