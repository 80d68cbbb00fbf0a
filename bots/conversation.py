"""The text conversation a resident has with the village market, the same on every channel.

A message is first matched to who sent it and for whom (a resident, a resident's contact
person ordering for them, or a number we do not know). Some things come before any state:
distress (answer: call 112, the coordinator is alerted), STOP/START, silence after STOP,
registration of a new number, voice notes and photos, and the words that work everywhere
(HULP, STATUS, BEL MIJ, reminders, the weekly call). "Bel mij elke maandag om 10 uur" asks for
the weekly call, not a call-back, when a resident sends it about themselves; without an hour
we can read ("om een uur of tien"), or from a contact person or an unknown number, it is a
call-back, so that a person sorts it out. Then the conversation takes one step from its state: each step
is a function that answers through `Turn.reply` and returns the next state's name; `STEPS`
wires them (`conversation.mmd` beside this file draws it).
"""
from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bots import alternatives, basket, changes, commands, distress, media, opt_out, registration, too_long
from orders import keywords
from bots.turn import Turn, conversation_for
from dorpslijn.messages import Inbound, Outgoing
from orders import ordering
from orders.models import Resident, Village

logger = logging.getLogger(__name__)

ANYWHERE = {"help": commands.help_menu, "status": commands.status, "call_me": commands.call_me,
            "not_weekly": commands.not_weekly, "no_reminder": commands.no_reminder,
            "no_call": commands.no_weekly_call}
WHILE_ORDERING = ("choosing", "confirming")


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
    """One step of the conversation; the name of the state it is in afterwards."""
    if distress.is_distress(turn.text):
        distress.respond(turn)
        return turn.state
    command = keywords.command(turn.text)
    if command == "stop":
        return opt_out.stop(turn)
    if command == "start":
        return opt_out.start(turn)
    if opt_out.silenced(turn):
        return turn.state
    if turn.media:
        media.received(turn)
        return turn.state
    if too_long.handled(turn, too_long.limit(turn.state)):
        return turn.state
    weekly = command != "no_call" and keywords.asks_weekly_call(turn.text)
    moment = keywords.weekly_call_request(turn.text) if weekly else None
    if moment and turn.resident is not None and not turn.carer:
        commands.set_weekly_call(turn, *moment)
        return turn.state
    if command == "call_me" or weekly:  # no hour we could read, or not the sender's own: a person calls
        commands.call_me(turn)
        return turn.state
    if turn.resident is None:
        return REGISTRATION.get(turn.state, registration.start)(turn)
    if command in ANYWHERE:
        ANYWHERE[command](turn)
        return turn.state
    if reminder := keywords.reminder_request(turn.text):
        commands.set_reminder(turn, *reminder)
        return turn.state
    state = turn.state if turn.state in STEPS else "idle"
    if state == "confirming" and ordering.open_draft(turn.session, turn.resident) is None:
        state = "idle"
    return STEPS[state](turn)


def idle(turn: Turn) -> str:
    """No basket open: the message is a word we know, or shopping."""
    if not turn.text.strip():
        turn.reply("empty_message")
        return "idle"
    command = keywords.command(turn.text)
    if command == "cancel":
        return commands.cancel(turn)
    if command == "same":
        return commands.same_again(turn)
    if command == "weekly":
        return commands.weekly(turn)
    if command == "restart" or keywords.is_confirmation(turn.text) or keywords.is_decline(turn.text):
        turn.reply("ask_shopping")
        return "idle"
    return basket.take_order(turn, turn.text)


def confirming(turn: Turn) -> str:
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
    return "confirming"


def choosing(turn: Turn) -> str:
    """A question about an unclear item is open; ANNULEER drops the whole basket."""
    if keywords.command(turn.text) in ("cancel", "restart"):
        return basket.drop(turn, "basket_dropped")
    return basket.choosing(turn)


STEPS = {
    alternatives.STATE: alternatives.step,
    "idle": idle,
    "choosing": choosing,
    "confirming": confirming,
}

REGISTRATION = {
    "registering_name": registration.name,
    "registering_address": registration.address,
    "registering_check": registration.check,
}
