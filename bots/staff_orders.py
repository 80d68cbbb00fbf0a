"""An order a coordinator takes on the phone: the resident's words typed in the dashboard.

It is the text conversation's own basket dialog (bots/basket.py), on the channel "staff": the
coordinator sees each question with its numbered choices and the read-back, and reads them out.
The conversation is kept per resident (channel "staff", the resident's phone), so two
coordinators see the same basket. Nothing of the dialog goes to the resident; once the order is
confirmed the resident gets the usual confirmation on their own channel, the shops their part.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from bots import conversation
from bots.states import State
from bots.turn import Turn, conversation_for
from dorpslijn.messages import Outgoing
from messaging import outbox
from orders import notices, ordering
from orders.models import Order, Resident

logger = logging.getLogger(__name__)

STAFF = ordering.STAFF
MAX_TEXT = 2000


@dataclass
class Shown:
    """What the coordinator reads: a message of the dialog and the answers it offers as buttons."""

    body: str
    choices: list[str]


def staff_turn(session, resident: Resident, now: datetime, text: str = "") -> Turn:
    """The turn of the phone order being taken for this resident."""
    talk = conversation_for(session, resident.village_id, STAFF, resident.phone, resident.language)
    talk.language = resident.language
    return Turn(session, resident.village, talk, resident, STAFF, resident.phone, now, text=text)


def shown(session, resident: Resident, now: datetime) -> list[Shown]:
    """What the last answer showed the coordinator: a question, the read-back, or the confirmation."""
    return [Shown(**m) for m in staff_turn(session, resident, now).data.get("shown") or []]


@dataclass
class Answered:
    """What one answer did: the number of the order it confirmed, if any (its messages are in the outbox)."""

    confirmed: int | None = None


def answer(session, resident: Resident, coordinator_id: int, text: str, now: datetime) -> Answered:
    """One thing the resident said, typed by the coordinator."""
    turn = staff_turn(session, resident, now, text)
    draft = ordering.open_draft(session, resident)
    turn.conversation.state = conversation.step(turn)
    confirmed = draft is not None and draft.status == "confirmed"
    if confirmed:
        _taken(turn, draft, coordinator_id)
    mine = [m for m in turn.replies if m.channel == STAFF]
    turn.remember(shown=[{"body": m.body, "choices": list(m.extra.get("choices", []))} for m in mine])
    outbox.put_all(session, resident.village_id, [m for m in turn.replies if m.channel != STAFF], now)
    return Answered(draft.number if confirmed else None)


def forget(session, resident: Resident, now: datetime) -> bool:
    """The coordinator stops taking the order: the basket and its questions are dropped; whether one was open."""
    turn = staff_turn(session, resident, now)
    was_open = turn.state != State.IDLE
    if was_open:
        ordering.discard_drafts(session, resident)
    turn.conversation.state = State.IDLE
    turn.conversation.data = {}
    return was_open


def _taken(turn: Turn, order: Order, coordinator_id: int) -> None:
    """A confirmed phone order: who took it, and the confirmation the coordinator saw, to the resident."""
    order.taken_by_id = coordinator_id
    channel, to = notices.resident(turn.resident)
    turn.replies += [Outgoing(channel, to, m.body, template=m.template) for m in turn.replies if m.channel == STAFF]
    logger.info("order %s taken on the phone by coordinator %s", order.number, coordinator_id)
