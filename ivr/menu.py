"""The main menu: the first words of a call, and the menu the same for everyone.

1 same as last time, 2 say the shopping, 3 when the orders come, 0 a volunteer calls back,
9 the menu again. Which key leads where is wired in `ivr/tree.py`; `menu.mmd` draws the flow.
"""
from __future__ import annotations

from datetime import datetime

from ivr.call import Call
from ivr.hints import answer_hints
from ivr.twiml import Reply
from orders import ordering
from orders.calendar import TIMEZONE


def answer(call: Call) -> Reply:
    """A call comes in: an unknown number is promised a call-back, a resident hears the menu."""
    if call.resident is None:
        return unknown_caller(call)
    return main_menu(call, call.words("welcome", part=part_of_day(call.now), who=call.resident.name,
                                      village=call.village.name))


def weekly(call: Call) -> Reply:
    """The weekly call we made was answered: the greeting, then the same menu."""
    return main_menu(call, opening(call))


def opening(call: Call) -> str:
    """What a weekly call says first."""
    return call.words("weekly", part=part_of_day(call.now), who=call.resident.name, village=call.village.name)


def part_of_day(now: datetime) -> str:
    """Morning, afternoon or evening where the village is, for the greeting."""
    hour = now.astimezone(TIMEZONE).hour
    return "morning" if 5 <= hour < 12 else "afternoon" if 12 <= hour < 18 else "evening"


def unknown_caller(call: Call) -> Reply:
    """A number we do not know: a volunteer will call back, and the coordinator gets the number."""
    call.tell_coordinator("call_back", "voice_coordinator_unknown_caller")
    call.record.outcome = "unknown"
    return call.reply().hang_up(call.words("unknown_caller", village=call.village.name))


def main_menu(call: Call, intro: str = "") -> Reply:
    """The menu, the same for everyone: 1 same, 2 say it, 3 when, 0 call back, 9 again."""
    return call.reply().say(intro).ask(call.url("main"), call.words("menu"), hints=answer_hints(call, "menu"))


def when(call: Call) -> Reply:
    """3: when the resident's open orders come, then the menu again."""
    orders = ordering.open_orders(call.session, call.resident, call.now.astimezone(TIMEZONE).date())
    return main_menu(call, call.words("when", orders=orders) + "\n" + call.words("anything_else"))
