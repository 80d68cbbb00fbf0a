"""What a call leaves for the coordinator: a task on their list, and often a text message too."""
from __future__ import annotations

import logging

from sqlalchemy import select

from dorpslijn.messages import Outgoing
from dorpslijn.words import say
from orders import notices
from orders.models import Resident, Task, Village

logger = logging.getLogger(__name__)


def ask(session, village: Village, kind: str, phone: str, resident: Resident | None, template: str,
        url: str = "", text_coordinator: bool = True, once: bool = True, **details) -> list[Outgoing]:
    """Put a task on the coordinator's list (once while an open one of the kind is there)."""
    if once and _open_task(session, village, kind, phone):
        logger.info("an open %s task for %s is already there", kind, phone)
        return []
    name = resident.name if resident else phone
    text = say(template, village.language, who=name, phone=phone, url=url)
    session.add(Task(village_id=village.id, kind=kind, phone=phone, resident=resident, text=text, url=url,
                     details=details))
    logger.info("task %s for %s made for the coordinator", kind, phone)
    if not text_coordinator or not village.coordinator_phone:
        return []
    address = notices.coordinator(village)
    return [Outgoing(address.channel, address.to, text)]


def _open_task(session, village: Village, kind: str, phone: str) -> bool:
    return session.scalar(select(Task.id).where(
        Task.village_id == village.id, Task.kind == kind, Task.phone == phone,
        Task.done_at.is_(None)).limit(1)) is not None
