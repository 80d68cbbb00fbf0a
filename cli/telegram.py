"""What `dorpslijn telegram set-webhook` and `dorpslijn telegram poll` do.

The webhook is how Telegram reaches a server with a public URL. A laptop without one polls
instead (getUpdates); every Update it fetches goes through the webhook's own `receive`, so a
message fetched twice is still handled once.
"""
from __future__ import annotations

import logging

from dorpslijn.db import session_scope
from dorpslijn.redis_server import connect
from messaging.telegram_bot import call
from messaging.telegram_updates import receive

logger = logging.getLogger(__name__)

POLL_SECONDS = 30
UPDATES = ["message"]


def set_webhook(settings) -> str:
    """Have Telegram post this bot's messages to PUBLIC_BASE_URL/telegram/webhook; returns that URL."""
    url = f"{settings.public_base_url}/telegram/webhook"
    call(settings, lambda bot: bot.set_webhook(url=url, secret_token=settings.telegram_webhook_secret,
                                               allowed_updates=UPDATES))
    logger.info("Telegram webhook set to %s", url)
    return url


def poll(settings, once: bool = False) -> int:
    """Fetch messages with getUpdates (the webhook is removed first) and store and queue each."""
    return call(settings, lambda bot: _poll(bot, settings, once))


async def _poll(bot, settings, once: bool) -> int:
    """Long-poll until stopped (`once`: until nothing more waits); returns how many were new."""
    await bot.delete_webhook()
    redis, offset, received = connect(settings), None, 0
    while True:
        updates = await bot.get_updates(offset=offset, timeout=0 if once else POLL_SECONDS,
                                        allowed_updates=UPDATES)
        for update in updates:
            with session_scope(settings.database_url) as session:
                received += receive(session, redis, settings, update.to_dict()) is not None
            offset = update.update_id + 1
        if once and not updates:
            return received
