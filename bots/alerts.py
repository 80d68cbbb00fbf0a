"""A copy for the resident's contact person, when the resident wants one (the coordinator's task
is `Turn.ask_coordinator`)."""
from __future__ import annotations

from bots.turn import Turn


def copy_to_contact(turn: Turn, template: str, **values) -> None:
    """Send the resident's contact person a copy, when the resident asked for copies."""
    resident = turn.resident
    if resident and resident.contact_copies and resident.contact_phone and resident.contact_phone != turn.address:
        turn.tell("sms", resident.contact_phone, template, resident.language, resident=resident, **values)
