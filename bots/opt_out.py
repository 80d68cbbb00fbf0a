"""STOP, STOPPEN, AFMELDEN: no more messages on any channel until START."""
from __future__ import annotations

import logging

from bots.turn import Turn

logger = logging.getLogger(__name__)


def stop(turn: Turn) -> None:
    """The sender asked us to stop: every channel falls silent, after one last answer."""
    _set(turn, True)
    turn.reply("stopped", despite_opt_out=True, village=turn.village.name)


def start(turn: Turn) -> None:
    """START: messages again."""
    _set(turn, False)
    turn.reply("started")


def silenced(turn: Turn) -> bool:
    """Whether the sender asked us to stop and has not said START since."""
    return bool(turn.data.get("opted_out")) or bool(turn.resident and not turn.carer and turn.resident.opted_out)


def _set(turn: Turn, opted_out: bool) -> None:
    turn.remember(opted_out=opted_out or None)
    if turn.resident is not None and not turn.carer:
        turn.resident.opted_out = opted_out
        logger.info("resident %s opted %s", turn.resident.id, "out" if opted_out else "in")
