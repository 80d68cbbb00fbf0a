"""The states a text conversation can be in, each named once; `Conversation.state` stores the value.

`conversation.mmd` beside this file draws them, and `bots/conversation.py` wires a step to each.
"""
from __future__ import annotations

from enum import StrEnum


class State(StrEnum):
    """Where a conversation stands between two messages."""

    IDLE = "idle"  # no basket open
    CHOOSING = "choosing"  # a question about an unclear item is open
    CONFIRMING = "confirming"  # a basket was read back, waiting for JA
    ALTERNATIVE = "alternative"  # a shop sold something out, the closest product is offered
    REGISTERING_NAME = "registering_name"  # a number we do not know: its name asked
    REGISTERING_ADDRESS = "registering_address"  # then its street, house number and postcode
    REGISTERING_CHECK = "registering_check"  # then both read back for JA

