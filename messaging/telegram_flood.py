"""Telegram's flood limits, counted in Redis so that every worker keeps them together.

Telegram asks a bot to send at most about 30 messages a second over all chats, one a second
to one chat and 20 a minute to one group; beyond that it answers 429 with `retry_after`, and
then nothing is sent until that time has passed. The limits are kept on `CLOCK`, the wall
clock (tests put one of their own there, so that nobody waits for a real second).
"""
from __future__ import annotations

import time

from messaging.exceptions import SendLater

OVERALL_PER_SECOND = 25  # Telegram's 30, with room to spare
GROUP_PER_MINUTE = 20
LONGEST_WAIT = 2.0  # a job waits this long in place; a longer wait sends the message again later
PAUSED = "dorpslijn:telegram:paused"  # until when, on the clock; it expires then too


class WallClock:
    """Seconds since the epoch, and waiting them out."""

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)


CLOCK = WallClock()


def wait_turn(redis, chat_id: str) -> None:
    """Wait until this chat may get a message; SendLater when that is more than a moment away."""
    while (wait := reserve(redis, chat_id, CLOCK.time())) > 0:
        if wait > LONGEST_WAIT:
            raise SendLater(wait)
        CLOCK.sleep(wait)


def reserve(redis, chat_id: str, now: float) -> float:
    """Take a slot to send to this chat at `now`: 0, or the seconds until there is a slot."""
    paused_until = float(redis.get(PAUSED) or 0)
    if paused_until > now:
        return paused_until - now
    for name, limit, span in _limits(chat_id):
        window = int(now // span)
        key = f"dorpslijn:telegram:flood:{name}:{window}"
        count, _ = redis.pipeline().incr(key).expire(key, span + 1).execute()
        if count > limit:
            return (window + 1) * span - now
    return 0.0


def pause(redis, seconds: float) -> None:
    """Telegram answered 429: no message leaves before `seconds` have passed."""
    redis.set(PAUSED, CLOCK.time() + seconds, px=max(int(seconds * 1000), 1))


def _limits(chat_id: str):
    """(counter name, messages, seconds) that a message to this chat counts against."""
    own = (f"group:{chat_id}", GROUP_PER_MINUTE, 60) if chat_id.startswith("-") else (f"chat:{chat_id}", 1, 1)
    return own, ("all", OVERALL_PER_SECOND, 1)
