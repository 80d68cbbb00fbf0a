"""Floods and loops: a number that sends too much too fast, or the same words again and again.

Every message is stored. One that comes past its number's limit is held back: marked so in
the database, and not answered. A flood is more messages from one number within a minute
than `inbound_per_minute` (WORK_FACTOR times that from a shop or a volunteer); a loop is the same words (of some length) more than LOOP_REPEATS
times within a day, as an auto-responder ("I am driving", an out-of-office) sends to every
answer we give it. The coordinator gets one task per number while it is open; each message
held back after it is counted on it. A number that calms down is answered again: a flood once
its last minute holds no more than the limit, a loop at the first message that says
something else.

The counts are Redis sorted sets of message ids, scored by when each came: counting a
message twice (a job run again) changes nothing, and what Redis forgets costs a few answers,
never a message.
"""
from __future__ import annotations

import hashlib
import logging
import re
from datetime import datetime, timedelta

from sqlalchemy import select

from dorpslijn.db import utcnow
from dorpslijn.messages import Outgoing
from messaging.models import InboundMessage
from orders import tasks
from orders.models import Resident, Shop, Village, Volunteer

logger = logging.getLogger(__name__)

MINUTE = 60
DAY = 24 * 3600
LOOP_REPEATS = 3  # the same words are answered this often in a day; the next time they are a loop
LOOP_LEAST_CHARS = 20  # "ja", "1" or "status" again and again is a person, not an auto-responder
FIRST_WORDS = 60
KIND = "flood"
WORK_FACTOR = 3  # a shop's or volunteer's number may send three times the limit: OK 123 order after order
SPACES = re.compile(r"\s+")


def hold_back(session, redis, message: InboundMessage, now: datetime, per_minute: int) -> list[Outgoing] | None:
    """None when the message may be answered; else it is marked held back, and what to tell
    the coordinator is returned (nothing once they have an open task about the number)."""
    reason, count = _verdict(session, message, *_counts(redis, message, arrival(message, now)), per_minute)
    if reason is None:
        return None
    message.held_back = reason
    logger.info("inbound message %s held back: %s", message.id, reason)
    return _tell_coordinator(session, message, reason, count)


def arrival(message: InboundMessage, now: datetime) -> float:
    """When the message came, on the clock that reads `now`: as long before `now` as it was
    stored before this moment. A queue that ran late does not bunch a number's messages up."""
    return (now - max(utcnow() - message.received_at, timedelta(0))).timestamp()


def _counts(redis, message: InboundMessage, at: float) -> tuple[int, int]:
    """How many messages the sender sent within the minute, and with these words within the day."""
    pipe = redis.pipeline()
    recent = f"dorpslijn:floods:{message.village_id}:{message.sender}"
    _count(pipe, recent, message.id, at, MINUTE)
    same = _same_words_key(recent, message.body)
    if same:
        _count(pipe, same, message.id, at, DAY)
    counts = pipe.execute()[2::4]
    return counts[0], counts[1] if same else 0


def _verdict(session, message: InboundMessage, in_minute: int, repeats: int, per_minute: int) -> tuple[str | None, int]:
    """("flood" or "loop", how many) when the message is past a limit, else (None, 0)."""
    if in_minute > per_minute and not (in_minute <= WORK_FACTOR * per_minute and _works(session, message)):
        return "flood", in_minute
    if repeats > LOOP_REPEATS:
        return "loop", repeats
    return None, 0


def _count(pipe, key: str, member: int, at: float, span: int) -> None:
    """Queue on the pipeline: add the message, forget what is older than `span`, count the rest."""
    pipe.zadd(key, {member: at}).zremrangebyscore(key, "-inf", at - span)
    pipe.zcount(key, f"({at - span}", "+inf").expire(key, span + MINUTE)


def _same_words_key(recent: str, body: str) -> str | None:
    """The counter of messages with these words (case and spacing aside), when long enough to count."""
    words = SPACES.sub(" ", body or "").strip().casefold()
    if len(words) < LOOP_LEAST_CHARS:
        return None
    return f"{recent}:same:{hashlib.sha256(words.encode()).hexdigest()[:16]}"


def _tell_coordinator(session, message: InboundMessage, reason: str, count: int) -> list[Outgoing]:
    """One task per number while it is open; a message held back later is counted on it."""
    return tasks.ask_counting(session, session.get(Village, message.village_id), KIND, f"coordinator_{reason}",
                              phone=message.sender, resident=_resident(session, message), details={"reason": reason},
                              count=count, channel=message.channel, first_words=first_words(message.body))


def _works(session, message: InboundMessage) -> bool:
    """Whether the sender is one of the village's shops or volunteers."""
    return any(session.scalar(select(model.id).where(model.village_id == message.village_id,
                                                     _address_column(model, message) == message.sender).limit(1))
               for model in (Shop, Volunteer))


def _address_column(model, message: InboundMessage):
    return model.telegram_chat_id if message.channel == "telegram" else model.phone


def _resident(session, message: InboundMessage) -> Resident | None:
    return session.scalar(select(Resident).where(Resident.village_id == message.village_id,
                                                 _address_column(Resident, message) == message.sender).limit(1))


def first_words(body: str, limit: int = FIRST_WORDS) -> str:
    """The start of a message, cut between words: enough to recognise it."""
    text = SPACES.sub(" ", body or "").strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "..."
