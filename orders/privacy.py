"""What the market holds about one person, found by their phone number (AVG articles 15 and 17).

`find` gathers who has the number: residents, the residents whose contact person it is, and
volunteers and shops. `export` gives the record, carer links, orders and tasks as plain data;
`erase` removes name, address, numbers and notes, cancels the orders that can still be
cancelled, and keeps the rest for the shops' books: they point at the emptied resident row
(`erased_at` set). `forget_old` is the retention term: after the fiscal seven years an order
goes to the village's anonymous customer, whoever it was.
The messages (bots/) and the calls (ivr/) have parts of their own with the same two functions
taking the same `Subject`; `worker/privacy.py` puts the three together.
"""
from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

import phonenumbers
from sqlalchemy import func, or_, select, update

from dorpslijn.db import json_filled, utcnow
from dorpslijn.messages import Outgoing
from dorpslijn.words import say
from orders import ordering, shop_orders
from orders.calendar import TIMEZONE
from orders.exceptions import NotErasable
from orders.models import Order, Resident, Shop, Task, Volunteer

logger = logging.getLogger(__name__)

TELEGRAM_PREFIX = "telegram:"  # a resident who registered on Telegram has no number but their chat
ANONYMOUS = "anonymous"  # the phone of the village's anonymous customer
SHORTEST_NOTE = 6  # shorter notes ("bel") are too common a word to wipe from others' messages


@dataclass
class Subject:
    """Everyone who has one phone number (in one village, or in all), found before anything changes.

    Where their messages went and the words that name them are taken when the subject is
    found: erasing changes the rows, and the parts that come later still need them.
    """

    phone: str
    village_id: int | None
    residents: list[Resident]
    cared_for: list[Resident]
    volunteers: list[Volunteer]
    shops: list[Shop]
    addresses: set[str] = field(init=False)
    resident_ids: list[int] = field(init=False)
    words: list[str] = field(init=False)

    def __post_init__(self):
        people = [*self.residents, *self.volunteers, *self.shops]
        self.addresses = {self.phone} | {p.telegram_chat_id for p in people if p.telegram_chat_id}
        self.resident_ids = [r.id for r in self.residents]
        self.words = _words_naming(self.residents, self.cared_for)

    def mentioned_in(self, column, quoted=()):
        """A condition on a text column: it may name this person (the last digits, a word, or
        `quoted`: what they wrote, which an alert may quote)."""
        needles = [_digits(self.phone)[-4:], *self.words, *quoted]
        return or_(*[func.lower(column).like(f"%{needle.lower()}%") for needle in needles if needle])

    def redact(self, text: str, quoted=()) -> str:
        """The text with this person's number (in any way it is written), names, address and
        the words of theirs it quotes wiped."""
        if not text:
            return text
        erased = say("erased_word")
        text = _phone_pattern(self.phone).sub(erased, text)
        words = sorted({*self.words, *quoted}, key=len, reverse=True)
        if words:
            text = re.compile("|".join(re.escape(w) for w in words), re.I).sub(erased, text)
        return text

    def redact_json(self, value):
        """A JSON value with this person wiped from every string in it."""
        return json.loads(self.redact(json.dumps(value, ensure_ascii=False))) if value else value


def _words_naming(residents: list[Resident], cared_for: list[Resident]) -> list[str]:
    """What names a person in other people's messages: name, address, a long note, the name
    their residents know them by; longest first, so that a name goes before a part of it."""
    found = {r.name for r in residents} | {r.address for r in residents}
    found |= {r.notes for r in residents if len(r.notes) >= SHORTEST_NOTE}
    found |= {r.contact_name for r in cared_for}
    return sorted({w.strip() for w in found if w and len(w.strip()) >= 3}, key=len, reverse=True)


def find(session, phone: str, village_id: int | None = None) -> Subject:
    """Who has this E.164 number (or `telegram:CHAT` registration), in one village or in all."""
    def where(model, column):
        query = select(model).where(column == phone)
        return list(session.scalars(query.where(model.village_id == village_id) if village_id else query))
    return Subject(phone=phone, village_id=village_id,
                   residents=[r for r in where(Resident, Resident.phone) if r.erased_at is None],
                   cared_for=where(Resident, Resident.contact_phone),
                   volunteers=where(Volunteer, Volunteer.phone), shops=where(Shop, Shop.phone))


def export(session, subject: Subject) -> dict:
    """The record, carer links, orders and tasks of the person, as JSON-ready data."""
    return {
        "residents": [_row(r, exclude=("village_id",)) for r in subject.residents],
        "carer_links": {
            "contact_person_of": [{"resident_id": r.id, "name": r.name, "as": r.contact_name,
                                   "gets_copies": r.contact_copies} for r in subject.cared_for],
            "contact_persons": [{"resident_id": r.id, "name": r.contact_name, "phone": r.contact_phone,
                                 "gets_copies": r.contact_copies} for r in subject.residents if r.contact_phone],
        },
        "volunteers": [_row(v) for v in subject.volunteers],
        "shops": [_row(s) for s in subject.shops],
        "orders": [_order(o) for o in _orders(session, subject)],
        "tasks": [_row(t) for t in _tasks(session, subject)],
    }


def erase(session, subject: Subject, now: datetime) -> tuple[dict, dict[int, list[Outgoing]]]:
    """Wipe the person from the market's tables; what was changed, and the shops to tell per village."""
    if subject.volunteers or subject.shops:
        raise NotErasable("this number is a shop's or a volunteer's: change or remove them in the dashboard first")
    counts = {"residents": len(subject.residents), "contact_person_of": len(subject.cared_for),
              "orders_cancelled": 0, "orders_kept": 0}
    to_shops: dict[int, list[Outgoing]] = {}
    for resident in subject.residents:
        ordering.discard_drafts(session, resident)
        for order in _cancellable(session, resident, now):
            to_shops.setdefault(resident.village_id, []).extend(shop_orders.cancel(session, order))
            counts["orders_cancelled"] += 1
        counts["orders_kept"] += _count(session, Order.resident_id == resident.id)
        _scrub(resident, now)
    for resident in subject.cared_for:
        resident.contact_name, resident.contact_phone, resident.contact_copies = "", "", False
    for order in _orders(session, subject):
        order.placed_by = "" if order.placed_by in subject.addresses else order.placed_by
    own_tasks = _tasks(session, subject)
    counts["tasks_removed"] = len(own_tasks)
    for task in own_tasks:
        session.delete(task)
    counts["tasks_redacted"] = _redact_tasks(session, subject)
    session.flush()
    logger.info("residents %s erased, %s orders kept for the books", subject.resident_ids, counts["orders_kept"])
    return counts, to_shops


def forget_old(session, messages_before: datetime, orders_before: date) -> dict:
    """Retention: done tasks lose what was said once messages do; orders delivered before
    `orders_before` (the fiscal term) lose their customer to the village's anonymous one."""
    tasks = session.execute(update(Task).where(
        Task.done_at.is_not(None), Task.created_at < messages_before,
        or_(Task.text != "", Task.url != "", json_filled(Task.details))).values(text="", url="", details={})).rowcount
    old = list(session.scalars(select(Order).join(Resident).where(
        Order.delivery_date < orders_before, or_(Resident.phone != ANONYMOUS, Order.placed_by != ""))))
    for order in old:
        if order.resident.standing_order_id == order.id:
            order.resident.standing_order_id = None
        order.resident, order.placed_by = anonymous_customer(session, order.village_id), ""
    session.flush()
    return {"tasks_blanked": tasks, "orders_anonymised": len(old)}


def anonymous_customer(session, village_id: int) -> Resident:
    """The village's stand-in for every customer whose orders outlived the fiscal term."""
    stand_in = session.scalar(select(Resident).where(Resident.village_id == village_id, Resident.phone == ANONYMOUS))
    if stand_in is None:
        stand_in = Resident(village_id=village_id, name="", phone=ANONYMOUS, opted_out=True, tell_delivered=False,
                            erased_at=utcnow())
        session.add(stand_in)
        session.flush()
    return stand_in


def _cancellable(session, resident: Resident, now: datetime) -> list[Order]:
    """The resident's orders still to come whose delivery day still takes cancellations."""
    today = now.astimezone(TIMEZONE).date()
    return [order for order in ordering.open_orders(session, resident, today)
            if not ordering.day_closed(session, resident.village, order.delivery_date, now)]


def _scrub(resident: Resident, now: datetime) -> None:
    """The resident row stays for the orders that point at it, with nothing of the person left."""
    resident.name = resident.address = resident.postcode = resident.notes = ""
    resident.contact_name = resident.contact_phone = ""
    resident.phone = f"erased:{resident.id}"
    resident.lat = resident.lon = resident.telegram_chat_id = resident.wrote_on = None
    resident.standing_order_id = resident.standing_read_back_for = None
    resident.reminder_weekday = resident.reminder_hour = resident.reminder_sent_on = None
    resident.opted_out, resident.tell_delivered, resident.contact_copies = True, False, False
    resident.erased_at = now


def _redact_tasks(session, subject: Subject) -> int:
    """Other people's tasks that name this person (a carer's resident, a closed door) lose the name."""
    tasks = session.scalars(_in_village(select(Task).where(subject.mentioned_in(Task.text)), Task, subject))
    changed = 0
    for task in tasks:
        text, details = subject.redact(task.text), subject.redact_json(task.details)
        if (text, details) != (task.text, task.details):
            task.text, task.details = text, details
            changed += 1
    return changed


def _orders(session, subject: Subject) -> list[Order]:
    """Orders of the person's own, and the ones they placed for someone else as contact person."""
    placed = or_(Order.resident_id.in_(subject.resident_ids), Order.placed_by.in_(subject.addresses))
    return list(session.scalars(_in_village(select(Order).where(placed), Order, subject).order_by(Order.id)))


def _tasks(session, subject: Subject) -> list[Task]:
    """The tasks about this person: on their number, or on their resident record."""
    about = or_(Task.phone.in_(subject.addresses), Task.resident_id.in_(subject.resident_ids))
    return list(session.scalars(_in_village(select(Task).where(about), Task, subject).order_by(Task.id)))


def _in_village(query, model, subject: Subject):
    """The query, kept to the subject's village when it names one (the dashboard's request)."""
    return query.where(model.village_id == subject.village_id) if subject.village_id else query


def _count(session, condition) -> int:
    return session.scalar(select(func.count()).select_from(Order).where(condition))


def _order(order: Order) -> dict:
    return {"number": order.number, "status": order.status, "delivery_date": order.delivery_date.isoformat(),
            "channel": order.channel, "placed_by": order.placed_by, "for_resident_id": order.resident_id,
            "created_at": _value(order.created_at), "confirmed_at": _value(order.confirmed_at),
            "total": order.total_cents / 100,
            "shop_orders": [{"shop": so.shop.name, "status": so.status,
                             "items": [{"name": line.name, "sku": line.sku, "quantity": str(line.quantity),
                                        "unit": line.unit, "price": line.price_cents / 100,
                                        "sold_out": line.sold_out} for line in so.lines]}
                            for so in order.shop_orders]}


def _row(row, exclude=()) -> dict:
    """A table row as plain data: every column but the ones named."""
    return {column.key: _value(getattr(row, column.key)) for column in row.__table__.columns
            if column.key not in exclude}


def _value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def _phone_pattern(phone: str) -> re.Pattern:
    """The number as people write it: +31 6 1234 5601, 0031612345601, 06-12345601, 0612345601."""
    try:
        parsed = phonenumbers.parse(phone)
    except phonenumbers.NumberParseException:
        return re.compile(re.escape(phone))
    gap = r"[ \-.]?"
    national = gap.join(re.escape(d) for d in str(parsed.national_number))
    return re.compile(rf"(?<!\d)(?:(?:\+|00)?{parsed.country_code}{gap}(?:\(0\){gap})?|0)?{national}(?!\d)")
