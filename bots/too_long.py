"""A message longer than anyone means at its step: the sender hears so, the coordinator gets it.

The whole message stays stored with the inbound messages; the coordinator's task holds its text.
Nothing of it is read as a name, an address, shopping or a shop's answer: a pasted letter or a
phone left typing is for a person to read.
"""
from __future__ import annotations

from bots.states import State
from bots.turn import Turn

NAME = 80
ADDRESS = 120
ORDER = 800
SHOP_OR_VOLUNTEER = 400
LIMITS = {State.REGISTERING_NAME: NAME, State.REGISTERING_ADDRESS: ADDRESS, State.REGISTERING_CHECK: ADDRESS}


def over(turn: Turn) -> bool:
    """Whether a resident's message is longer than anyone means at the conversation's step."""
    return len(turn.text) > LIMITS.get(turn.state, ORDER)


def answer(turn: Turn, sender: str = "") -> None:
    """The sender hears the message is too long, and the coordinator gets it as a task."""
    turn.reply("too_long", step=turn.state)
    turn.ask_coordinator("too_long", "coordinator_too_long", about=turn.text, sender=sender,
                         details={"length": len(turn.text)}, length=len(turn.text))
