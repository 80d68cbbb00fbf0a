"""The text conversation a resident has with the village market, the same on every channel.

A message is first matched to who sent it and for whom (a resident, a resident's contact
person ordering for them, or a number we do not know). Then `PRECEDENCE`, read top-down, says
who answers it: the first rule whose test the message meets. Some rules come before any state:
distress (answer: call 112, the coordinator is alerted), STOP/START, silence after STOP, voice
notes and photos, and the words that work everywhere (HULP, STATUS, BEL MIJ, reminders, the
weekly call). "Bel mij elke maandag om 10 uur" asks for the weekly call, not a call-back, when a
resident sends it about themselves; without an hour we can read ("om een uur of tien"), or from
a contact person or an unknown number, it is a call-back, so that a person sorts it out. A
number we do not know is registered. Last, the conversation takes one step from its state: each
step is a function that answers through `Turn.reply` and returns the next `State`; `STEPS` and
`REGISTRATION` wire them (`conversation.mmd` beside this file draws it all).
"""
from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bots import alternatives, basket, changes, commands, distress, media, opt_out, registration, too_long
from bots.states import State
from bots.turn import Turn, conversation_for
from dorpslijn.messages import Inbound, Outgoing
from orders import keywords, ordering
from orders.models import Resident, Village

logger = logging.getLogger(__name__)

WHILE_ORDERING = (State.CHOOSING, State.CONFIRMING)


def handle(session, inbound: Inbound, now: datetime) -> list[Outgoing]:
    """Answer one inbound message; what to send goes back as Outgoing messages."""
    turn = sender_turn(session, inbound, now)
    conversation = turn.conversation
    state = conversation.state
    try:
        with session.begin_nested():
            conversation.state = respond(turn)
    except OperationalError:  # the database is away or busy: the message stays unhandled, and is answered again
        raise
    except Exception:
        logger.exception("conversation with %s failed on message %s", inbound.sender, inbound.inbound_id)
        turn.replies.clear()
        _apologise(turn, state)
    conversation.last_inbound_at = now
    return turn.replies


def sender_turn(session, inbound: Inbound, now: datetime) -> Turn:
    """The turn that answers a message: its village, its sender's conversation, and who they are."""
    village = session.get(Village, inbound.village_id)
    sender = _resident(session, village, inbound)
    conversation = conversation_for(session, village.id, inbound.channel, inbound.sender, village.language)
    if sender is not None:
        conversation.language = sender.language
        sender.wrote_on = inbound.channel
    elif conversation.last_inbound_at is None:
        conversation.language = keywords.language_of(inbound.text) or village.language
    turn = Turn(session, village, conversation, sender, inbound.channel, inbound.sender, now,
                text=inbound.text or "", media=tuple(inbound.media or ()))
    _for_whom(turn)
    return turn


def _apologise(turn: Turn, state: str) -> None:
    """Something broke: the sender hears that a person will call, and the coordinator is told."""
    turn.conversation.state = state
    turn.reply("sorry")
    turn.ask_coordinator("call_back", "coordinator_call_back")


def _resident(session, village: Village, inbound: Inbound) -> Resident | None:
    column = Resident.telegram_chat_id if inbound.channel == "telegram" else Resident.phone
    return session.scalar(select(Resident).where(Resident.village_id == village.id, column == inbound.sender))


def _for_whom(turn: Turn) -> None:
    """A contact person ordering for a resident ("voor mijn moeder: ...") speaks for them."""
    ongoing = turn.data.get("for_resident") if turn.state in WHILE_ORDERING else None
    if ongoing:
        turn.resident, turn.carer = turn.session.get(Resident, ongoing), True
        return
    rest = keywords.for_someone_else(turn.text)
    if turn.resident is not None and rest is None:
        return
    cared = list(turn.session.scalars(select(Resident).where(
        Resident.village_id == turn.village.id, Resident.contact_phone == turn.address,
        Resident.contact_phone != "")))
    if not cared:
        return
    named = [r for r in cared if keywords.fold(r.name.split()[0]) in keywords.fold(turn.text)]
    turn.resident, turn.carer = (named or cared)[0], True
    turn.text = rest if rest is not None else turn.text
    turn.remember(for_resident=turn.resident.id)


def respond(turn: Turn) -> str:
    """One step of the conversation: the first rule of `PRECEDENCE` the message meets answers it;
    the name of the state it is in afterwards (an answer of None leaves it where it was)."""
    rule = next(rule for rule in PRECEDENCE if rule.test(turn))
    return rule.answer(turn) or turn.state


def step(turn: Turn) -> State:
    """A resident's message in their state: its step (idle's when the state has none, or when the
    basket being read back is gone)."""
    state = turn.state if turn.state in STEPS else State.IDLE
    if state == State.CONFIRMING and ordering.open_draft(turn.session, turn.resident) is None:
        state = State.IDLE
    return STEPS[state](turn)


def _register(turn: Turn) -> State:
    """A number we do not know: the step of registration it is at, or its start."""
    return REGISTRATION.get(turn.state, registration.start)(turn)


def _said(word: str) -> Callable[[Turn], bool]:
    """The test of a message that is this command (a name of `keywords.command`)."""
    return lambda turn: keywords.command(turn.text) == word


def _asks_weekly_call(turn: Turn) -> bool:
    """"bel mij elke maandag ...", and not "niet meer bellen"."""
    return keywords.command(turn.text) != "no_call" and keywords.asks_weekly_call(turn.text)


def _own_weekly_call(turn: Turn) -> bool:
    """A resident asks for their own weekly call, at an hour we can read."""
    return turn.resident is not None and not turn.carer and _asks_weekly_call(turn) \
        and keywords.weekly_call_request(turn.text) is not None


def _call_back(turn: Turn) -> bool:
    """BEL MIJ, or a weekly call we cannot set (no hour we could read, or not the sender's own)."""
    return keywords.command(turn.text) == "call_me" or _asks_weekly_call(turn)


def _silent(turn: Turn) -> None:
    """No answer: the sender said STOP."""


def idle(turn: Turn) -> State:
    """No basket open: the message is a word we know, or shopping."""
    if not turn.text.strip():
        turn.reply("empty_message")
        return State.IDLE
    command = keywords.command(turn.text)
    if command == "cancel":
        return commands.cancel(turn)
    if command == "same":
        return commands.same_again(turn)
    if command == "weekly":
        return commands.weekly(turn)
    if command == "restart" or keywords.is_confirmation(turn.text) or keywords.is_decline(turn.text):
        turn.reply("ask_shopping")
        return State.IDLE
    return basket.take_order(turn, turn.text)


def confirming(turn: Turn) -> State:
    """A basket was read back: JA orders it, NEE drops it, a change changes it."""
    order = ordering.open_draft(turn.session, turn.resident)
    command = keywords.command(turn.text)
    if command == "cancel" or keywords.is_decline(turn.text):
        return basket.drop(turn, "standing_skipped" if turn.data.get("standing") else "basket_dropped")
    if command == "restart":
        return basket.drop(turn, "start_again")
    if command == "same":
        return commands.same_again(turn)
    if command == "weekly":
        return commands.weekly(turn)
    if keywords.is_confirmation(turn.text):
        return basket.confirm(turn, order)
    wanted = changes.parse(turn.text)
    if wanted is None and basket.understood(turn, turn.text):
        wanted = [changes.Change("add", turn.text)]
    if wanted:
        return changes.apply(turn, order, wanted)
    turn.reply("read_back_again", choices=keywords.YES_NO[turn.language])
    return State.CONFIRMING


def choosing(turn: Turn) -> State:
    """A question about an unclear item is open; ANNULEER drops the whole basket."""
    if keywords.command(turn.text) in ("cancel", "restart"):
        return basket.drop(turn, "basket_dropped")
    return basket.choosing(turn)


class Rule(NamedTuple):
    """One line of `PRECEDENCE`: a message that meets `test` gets `answer`, which returns the next
    state (None stays)."""

    name: str
    test: Callable[[Turn], object]
    answer: Callable[[Turn], str | None]


def offered(turn: Turn) -> State:
    """After a sold-out shop's alternative was offered: the answer to it, or else a new message."""
    return alternatives.step(turn) or idle(turn)


STEPS = {
    State.ALTERNATIVE: offered,
    State.IDLE: idle,
    State.CHOOSING: choosing,
    State.CONFIRMING: confirming,
}

REGISTRATION = {
    State.REGISTERING_NAME: registration.name,
    State.REGISTERING_ADDRESS: registration.address,
    State.REGISTERING_CHECK: registration.check,
}

PRECEDENCE = (
    Rule("distress", lambda turn: distress.is_distress(turn.text), distress.respond),
    Rule("STOP", _said("stop"), opt_out.stop),
    Rule("START", _said("start"), opt_out.start),
    Rule("silence after STOP", opt_out.silenced, _silent),
    Rule("voice note or photo", lambda turn: bool(turn.media), media.received),
    Rule("too long for its step", too_long.over, too_long.answer),
    Rule("weekly call", _own_weekly_call, commands.weekly_call),
    Rule("BEL MIJ", _call_back, commands.call_me),
    Rule("a number we do not know", lambda turn: turn.resident is None, _register),
    Rule("HULP", _said("help"), commands.help_menu),
    Rule("STATUS", _said("status"), commands.status),
    Rule("NIET MEER ELKE WEEK", _said("not_weekly"), commands.not_weekly),
    Rule("GEEN HERINNERING", _said("no_reminder"), commands.no_reminder),
    Rule("NIET MEER BELLEN", _said("no_call"), commands.no_weekly_call),
    Rule("reminder", lambda turn: keywords.reminder_request(turn.text) is not None, commands.reminder),
    Rule("the state's step", lambda turn: True, step),
)
