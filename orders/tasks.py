"""The coordinator's tasks: what needs a person goes on their list, and often a text to their phone too."""
from __future__ import annotations

import logging

from sqlalchemy import select

from dorpslijn.messages import Outgoing
from dorpslijn.words import say
from orders import notices
from orders.models import Resident, Task, Village

logger = logging.getLogger(__name__)


def ask_coordinator(session, village: Village, kind: str, phone: str, resident: Resident | None, template: str,
        url: str = "", text_coordinator: bool = True, once: bool = True, **details) -> list[Outgoing]:
    """Put a task on the coordinator's list (once while an open one of the kind is there); the
    template is filled with `details` too."""
    if once and open_task(session, village, kind, phone) is not None:
        logger.info("an open %s task for %s is already there", kind, phone)
        return []
    name = resident.name if resident else phone
    text = say(template, village.language, who=name, phone=phone, url=url, **details)
    session.add(Task(village_id=village.id, kind=kind, phone=phone, resident=resident, text=text, url=url,
                     details=details))
    logger.info("task %s for %s made for the coordinator", kind, phone)
    if not text_coordinator or not village.coordinator_phone:
        return []
    address = notices.coordinator(village)
    return [Outgoing(address.channel, address.to, text)]


def ask_counting(session, village: Village, kind: str, phone: str, resident: Resident | None, template: str,
                 text_coordinator: bool = True, **details) -> list[Outgoing]:
    """As `ask_coordinator` the first time; while that task is open, each later time is counted on it
    (`held` in its details) instead of telling the coordinator again."""
    task = open_task(session, village, kind, phone)
    if task is None:
        return ask_coordinator(session, village, kind, phone, resident, template, text_coordinator=text_coordinator,
                   held=1, **details)
    task.details = {**task.details, "held": task.details.get("held", 1) + 1}
    return []


def open_task(session, village: Village, kind: str, phone: str) -> Task | None:
    """The coordinator's open task of this kind about this number, if there is one."""
    return session.scalar(select(Task).where(
        Task.village_id == village.id, Task.kind == kind, Task.phone == phone,
        Task.done_at.is_(None)).order_by(Task.id).limit(1))
