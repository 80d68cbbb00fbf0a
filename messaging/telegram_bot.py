"""python-telegram-bot's `Bot` as Dorpslijn configures it, run from synchronous code.

The library is asynchronous; our jobs and commands are not. Each use runs in an event loop of
its own (`asyncio.run`), with the Bot opened and closed inside it, so nothing outlives the job.
`TELEGRAM_API_BASE` points the Bot at another server (tests run a fake one on 127.0.0.1).
"""
from __future__ import annotations

import asyncio

from telegram import Bot

TELEGRAM_API = "https://api.telegram.org"


def bot(settings) -> Bot:
    """A Bot for this installation's token, on the configured Bot API server."""
    base = (settings.telegram_api_base or TELEGRAM_API).rstrip("/")
    return Bot(settings.telegram_bot_token, base_url=f"{base}/bot", base_file_url=f"{base}/file/bot")


def call(settings, work):
    """Run `work(bot)`, a coroutine function, to its end with an opened Bot; returns its result."""
    async def opened():
        async with bot(settings) as ready:
            return await work(ready)
    return asyncio.run(opened())


def bot_id(settings) -> str:
    """The bot's numeric id: the part of its token before the colon."""
    return settings.telegram_bot_token.partition(":")[0]
