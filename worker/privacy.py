"""A person's privacy rights in one place: all we hold about a phone number, exported or erased.

The market (orders/), the messages and conversations (bots/privacy.py, over messaging's tables)
and the calls (ivr/) each know their own tables and give a part; this module asks all three, in
the order that keeps what erasing needs (the messages are wiped of a name before the record forgets it), and writes the audit trail.
The CLI (`dorpslijn privacy`) and the dashboard call these two functions; it stands in worker/,
above both bots/ and ivr/, beside the scheduler's retention sweep that erases too.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bots import privacy as messages
from dorpslijn import audit
from dorpslijn.db import utcnow
from dorpslijn.log_masking import mask
from ivr import privacy as calls
from messaging import outbox
from orders import privacy as market
from orders.calendar import TIMEZONE
from orders.exceptions import InvalidPhone
from orders.phones import normalise_or_none

PARTS = (market, messages, calls)


class NobodyKnown(LookupError):
    """Nothing is stored about this number."""


@dataclass
class Erased:
    """What an erasure changed (counts only); the shops it told are in the outbox."""

    counts: dict


def phone_of(text: str) -> str:
    """The stored form of a number as anyone writes it; a Telegram registration as `telegram:CHAT`."""
    if text.strip().startswith(market.TELEGRAM_PREFIX):
        return text.strip()
    phone = normalise_or_none(text)
    if phone is None:
        raise InvalidPhone(f"not a phone number: {text!r}")
    return phone


def export(session, phone: str, actor: str, village_id: int | None = None, now: datetime | None = None) -> dict:
    """Everything stored about the number, as one JSON-ready document; audited."""
    subject = market.find(session, phone_of(phone), village_id)
    document = {"phone": subject.phone, "exported_at": (now or utcnow()).isoformat()}
    for part in PARTS:
        document.update(part.export(session, subject))
    if not any(_sizes(document).values()):
        raise NobodyKnown(subject.phone)
    _audit(session, subject, actor, "privacy.export", before=None, after=_sizes(document), now=now)
    return document


def erase(session, phone: str, actor: str, now: datetime, village_id: int | None = None) -> Erased:
    """Remove the person (see orders/privacy.py), keep their orders anonymised; audited."""
    subject = market.find(session, phone_of(phone), village_id)
    before = _sizes({key: value for part in PARTS for key, value in part.export(session, subject).items()})
    if not any(before.values()):
        raise NobodyKnown(subject.phone)
    others = messages.erase(session, subject, now)
    counts, to_shops = market.erase(session, subject, now)
    counts.update(others)
    counts.update(calls.erase(session, subject, now))
    for village_id, told in to_shops.items():
        outbox.put_all(session, village_id, told)
    audit.forget_values(session, [f"resident {resident_id}" for resident_id in subject.resident_ids])
    _audit(session, subject, actor, "privacy.erase", before=before, after=counts, now=now)
    return Erased(counts)


def forget_old(session, now: datetime, keep_messages_days: int, keep_orders_years: int) -> dict:
    """Retention: what was said is blanked after `keep_messages_days`, orders lose their customer
    after `keep_orders_years` (docs/PRIVACY.md); what changed, counted."""
    messages_before = now - timedelta(days=keep_messages_days)
    orders_before = _years_before(now.astimezone(TIMEZONE).date(), keep_orders_years)
    counts = market.forget_old(session, messages_before, orders_before)
    counts.update(messages.forget_old(session, messages_before))
    counts.update(calls.forget_old(session, messages_before))
    return counts


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _villages(subject) -> set[int]:
    return {r.village_id for r in subject.residents} or ({subject.village_id} if subject.village_id else set())


def _audit(session, subject, actor: str, action: str, before, after, now) -> None:
    """One event per village the person was found in; the subject is named by ids, never the number."""
    ids = ", ".join(str(i) for i in subject.resident_ids)
    name = f"resident {ids}" if ids else f"number {mask(subject.phone)}"
    for village_id in _villages(subject) or {None}:
        audit.record(session, actor, action, name, before=before, after=after, village_id=village_id, at=now)


def _sizes(document: dict) -> dict:
    """How many of each thing a document holds: what the audit trail keeps of an export."""
    sizes = {}
    for key, value in document.items():
        if isinstance(value, list):
            sizes[key] = len(value)
        elif isinstance(value, dict):
            sizes[key] = sum(len(v) for v in value.values() if isinstance(v, list))
    return sizes
