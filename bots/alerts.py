"""What needs a person: a task on the coordinator's list, a text to the coordinator's phone,
and, when the resident wants it, a copy to their contact person."""
from __future__ import annotations

import logging

from bots.turn import Turn
from orders.models import Task

logger = logging.getLogger(__name__)


def tell_coordinator(turn: Turn, kind: str, template: str, /, text: str = "", url: str = "",
                     details=None, **values) -> Task:
    """Put a task on the coordinator's list and text the coordinator about it."""
    resident = turn.resident
    task = Task(village_id=turn.village.id, kind=kind, phone=turn.address if turn.channel != "telegram"
                else (resident.phone if resident else ""), resident=resident, text=text[:2000], url=url,
                details={"channel": turn.channel, "address": turn.address, **(details or {})})
    turn.session.add(task)
    turn.tell("sms", turn.village.coordinator_phone, template, turn.village.language,
              resident=resident, phone=task.phone or turn.address, channel=turn.channel, text=text[:300],
              carer=turn.carer, **values)
    logger.info("task %s for village %s", kind, turn.village.id)
    return task


def copy_to_contact(turn: Turn, template: str, **values) -> None:
    """Send the resident's contact person a copy, when the resident asked for copies."""
    resident = turn.resident
    if resident and resident.contact_copies and resident.contact_phone and resident.contact_phone != turn.address:
        turn.tell("sms", resident.contact_phone, template, resident.language, resident=resident, **values)
