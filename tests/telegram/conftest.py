"""Telegram fixtures: the fake Bot API, the live transport to it, and chats that post to the real webhook."""
from __future__ import annotations

import time

import pytest

from messaging import telegram_flood
from tests.support.fakes.telegram_api import TOKEN, FakeTelegramAPI
from tests.support.fakes.twilio_api import FakeTwilioAPI
from tests.support.telegram import Chat, StandingClock


@pytest.fixture
def bot_api(settings, monkeypatch):
    """The fake Bot API, with this installation's token pointed at it (still the console transport)."""
    with FakeTelegramAPI() as api:
        monkeypatch.setenv("TELEGRAM_BOT_TOKEN", TOKEN)
        monkeypatch.setenv("TELEGRAM_API_BASE", api.base_url)
        yield api


@pytest.fixture
def flood_clock(monkeypatch):
    """The clock Telegram's flood limits are kept on, moved on by each wait instead of waiting."""
    clock = StandingClock(time.time())
    monkeypatch.setattr(telegram_flood, "CLOCK", clock)
    return clock


@pytest.fixture
def live(settings, bot_api, flood_clock, monkeypatch):
    """The live transport: Telegram to the fake Bot API, SMS to a fake Twilio."""
    with FakeTwilioAPI() as twilio:
        monkeypatch.setenv("DORPSLIJN_TRANSPORT", "live")
        monkeypatch.setenv("TWILIO_API_BASE", twilio.base_url)
        monkeypatch.setenv("TWILIO_AUTH_TOKEN", settings.twilio_auth_token)
        yield bot_api


@pytest.fixture
def chat(client, settings):
    def make(chat_id, language="nl"):
        return Chat(client, settings, chat_id, language)
    return make
