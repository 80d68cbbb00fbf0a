"""The coordinator's tasks: what needs a person goes on their list, and often a text to their phone too.

Every task is made here, by `ask_coordinator`, so every task follows one rule: while a task of a
kind about a subject is open, the same again opens no second one and texts nobody.
"""
from __future__ import annotations

import logging

from sqlalchemy import select

from dorpslijn.messages import Outgoing
from dorpslijn.words import say
from orders import notices
from orders.models import Resident, Task, Village

logger = logging.getLogger(__name__)

MAX_SAID = 2000
QUOTED = 300  # the most of what was said that the coordinator's text quotes


def ask_coordinator(session, village: Village, kind: str, template: str | None, /, phone: str = "",
                    resident: Resident | None = None, said: str = "", url: str = "", about: str | None = None,
                    text_coordinator: bool = True, details: dict | None = None, **values) -> list[Outgoing]:
    """Put a task on the coordinator's list and text them, once while an open one of the kind about
    the same subject is there; the text for the outbox is returned, for the caller to hand on.

    The subject (`about`) is the person's phone number unless the caller names another: an order,
    a day, a word, a recording. So a resident asking twice to be called back gets one call, while
    two voice messages are two tasks. The task keeps what the person said (`said`), or, when
    nobody said anything (a silent shop, a day short of riders), what the coordinator is told.
    The text is `template` in the village's language, filled with `values` and the person; with
    no template (or `text_coordinator` false) the task is only put on the list.
    """
    about = phone if about is None else about
    if open_task(session, village, kind, about) is not None:
        logger.info("an open %s task about this subject is already there", kind)
        return []
    name = resident.name if resident else phone
    text = say(template, village.language, who=name, resident=resident, phone=phone, text=said[:QUOTED], url=url,
               **values) if template else ""
    session.add(Task(village_id=village.id, kind=kind, phone=phone, resident=resident,
                     text=(said or text)[:MAX_SAID], url=url, details={**(details or {}), "about": about}))
    logger.info("task %s made for the coordinator of village %s", kind, village.id)
    if not (text and text_coordinator and village.coordinator_phone):
        return []
    address = notices.coordinator(village)
    return [Outgoing(address.channel, address.to, text, template=template)]


def ask_counting(session, village: Village, kind: str, template: str, /, phone: str = "",
                 resident: Resident | None = None, text_coordinator: bool = True, details: dict | None = None,
                 **values) -> list[Outgoing]:
    """As `ask_coordinator` the first time; while that task is open, each later time is counted on it
    (`held` in its details) instead of telling the coordinator again."""
    task = open_task(session, village, kind, phone)
    if task is None:
        return ask_coordinator(session, village, kind, template, phone=phone, resident=resident,
                               text_coordinator=text_coordinator, details={**(details or {}), "held": 1},
                               **values)
    task.details = {**task.details, "held": task.details.get("held", 1) + 1}
    return []


def open_task(session, village: Village, kind: str, about: str) -> Task | None:
    """The coordinator's open task of this kind about this subject, if there is one (a task made
    before subjects were kept is about its phone number)."""
    tasks = session.scalars(select(Task).where(Task.village_id == village.id, Task.kind == kind,
                                               Task.done_at.is_(None)).order_by(Task.id))
    return next((task for task in tasks if (task.details or {}).get("about", task.phone) == about), None)
