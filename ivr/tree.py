"""The menu tree: which key (or the word spoken for it) leads to which step, and the steps that
Twilio posts to under /twilio/voice/ (`STEPS`). `menu.mmd` draws the flow.

Keys dispatch through dicts (`MAIN`, `REVIEW`, `HELP`); a key that leads nowhere, or speech that
came through unclearly, is asked again (ivr/help.py).
"""
from __future__ import annotations

from typing import Callable

from ivr import basket, menu
from ivr.call import Call
from ivr.help import call_back, help_menu, not_understood, recorded, understood
from ivr.keys import HELP_WORDS, MAIN_WORDS, REVIEW_WORDS, choice
from ivr.twiml import Reply
from ivr.weekly_offer import weekly_offer


def dispatch(call: Call, table: dict, words: dict[str, tuple], ask_again: Callable[[str], Reply]) -> Reply:
    """Go to the step a key (or its spoken word) chooses; ask again when there is none."""
    step = table.get(choice(call, words))
    if step is None or call.unsure:
        return not_understood(call, ask_again)
    understood(call)
    return step(call)


def main(call: Call) -> Reply:
    """The caller chose from the main menu."""
    return dispatch(call, MAIN, MAIN_WORDS, lambda intro: menu.main_menu(call, intro))


MAIN = {"1": basket.same, "2": basket.say_order, "3": menu.when, "0": call_back, "9": menu.main_menu}


def order(call: Call) -> Reply:
    """The caller said the shopping; a key instead reaches a volunteer (0) or the menu (9)."""
    if call.digits:
        return dispatch(call, ORDER, {}, lambda intro: basket.ask_shopping_again(call, intro))
    return basket.order(call)


ORDER = {"0": call_back, "9": menu.main_menu}


def review(call: Call) -> Reply:
    """After the read-back: 1 order it, 2 say it again, 3 add something, 9 hear it again."""
    return dispatch(call, REVIEW, REVIEW_WORDS, lambda intro: basket.read_back(call, intro))


REVIEW = {"1": basket.place, "2": basket.say_order, "3": basket.add_more, "9": basket.read_back}


def help_choice(call: Call) -> Reply:
    """A key pressed after the second time it did not work."""
    return dispatch(call, HELP, HELP_WORDS, lambda intro: help_menu(call))


HELP = {"1": basket.same, "0": call_back, "9": menu.main_menu}

STEPS: dict[str, Callable[[Call], Reply]] = {
    "answer": menu.answer,
    "weekly": menu.weekly,
    "main": main,
    "order": order,
    "choose": basket.choose,
    "review": review,
    "weekly_offer": weekly_offer,
    "help": help_choice,
    "recorded": recorded,
    "call_back": call_back,
}
