"""A message longer than anyone means at its step: the sender hears so, the coordinator gets it.

The whole message stays stored with the inbound messages; the coordinator's task holds its text.
Nothing of it is read as a name, an address, shopping or a shop's answer: a pasted letter or a
phone left typing is for a person to read.
"""
from __future__ import annotations

from bots import alerts
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
    alerts.tell_coordinator(turn, "too_long", "coordinator_too_long", text=turn.text, sender=sender,
                            details={"length": len(turn.text)}, length=len(turn.text))
    return True


def too_slow(session, inbound, now) -> list:
    """A message whose answer took longer than its budget: the sender hears a person will look at it,
    and the coordinator gets it as a task."""
    from bots.conversation import sender_turn
    turn = sender_turn(session, inbound, now)
    turn.reply("sorry")
    alerts.tell_coordinator(turn, "too_slow", "coordinator_too_slow", text=turn.text,
                            details={"inbound_id": inbound.inbound_id})
    return turn.replies
