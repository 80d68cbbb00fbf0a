"""A message longer than anyone means at its step: the sender hears so, the coordinator gets it.

The whole message stays stored with the inbound messages; the coordinator's task holds its text.
Nothing of it is read as a name, an address, shopping or a shop's answer: a pasted letter or a
phone left typing is for a person to read.
"""
from __future__ import annotations

from bots.turn import Turn

NAME = 80
ADDRESS = 120
ORDER = 800
SHOP_OR_VOLUNTEER = 400
LIMITS = {"registering_name": NAME, "registering_address": ADDRESS, "registering_check": ADDRESS}


def limit(state: str) -> int:
    """The most characters a person means at this step of the conversation."""
    return LIMITS.get(state, ORDER)


def handled(turn: Turn, most: int, sender: str = "") -> bool:
    """Whether the message is over `most` characters, and so answered here and given to the coordinator."""
    if len(turn.text) <= most:
        return False
    turn.reply("too_long", step=turn.state)
    turn.ask_coordinator("too_long", "coordinator_too_long", about=turn.text, sender=sender,
                         details={"length": len(turn.text)}, length=len(turn.text))
    return True

