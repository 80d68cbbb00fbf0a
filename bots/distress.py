"""Someone in trouble: words like "gevallen" or "ambulance" are answered before anything else,
with the advice to call 112 and an alert to the coordinator."""
from __future__ import annotations

import re

from bots import alerts
from bots.turn import Turn
from orders import keywords

PHRASES = (
    "gevallen", "ambulance", "help ik kan niet", "kan niet opstaan", "kan niet meer opstaan",
    "kom niet overeind", "niet meer overeind", "ik ben onwel", "onwel", "pijn op de borst",
    "pijn op mijn borst", "hartaanval", "beroerte", "noodgeval", "spoed", "bel een dokter",
    "help mij ik", "ik kan niet meer", "kan niet ademen", "benauwd", "i fell", "i have fallen",
    "i've fallen", "ive fallen", "can't get up", "cant get up", "cannot get up", "emergency",
    "chest pain", "heart attack", "call an ambulance", "i can't breathe",
)
ALARM = re.compile(r"(?<![\d,.])112(?![\d,.])")


def is_distress(text: str) -> bool:
    """Whether a message sounds like someone who needs help now."""
    words = keywords.words_of(text)
    padded = f" {words} "
    if any(f" {phrase} " in padded for phrase in PHRASES):
        return True
    return bool(ALARM.search(text or "")) and keywords.command(text) is None and \
        not re.search(r"\b(bestelling|order|nummer|number)\b", words)


def respond(turn: Turn) -> None:
    """Tell the sender to call 112 and alert the coordinator (and the contact person)."""
    turn.reply("distress", despite_opt_out=True)
    turn.ask_coordinator("distress", "coordinator_distress", about=turn.text)
    alerts.copy_to_contact(turn, "contact_distress", text=turn.text[:300])
