"""Zoeken: one box for residents, orders and messages of the coordinator's village.

A name (or part of one), part of a phone number written any way (`06-1234`, `+31 6 1234`,
`0612...`), or an order number. Messages are found by who sent or got them, and by their words.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, render_template, request
from sqlalchemy import or_, select

from messaging.models import InboundMessage, OutboundMessage
from orders.models import Order, Resident
from orders.phones import part_pattern
from web.context import db
from web.dashboard.auth import village_id

bp = Blueprint("search", __name__, url_prefix="/search")

MAX_QUERY = 100
MIN_WORDS = 2  # characters a name or words must have before they are looked for
SHOWN = 20


@dataclass(frozen=True)
class Found:
    residents: list
    orders: list
    messages: list  # ("in" or "out", message), newest first
    senders: dict   # a message's number or chat: the resident it belongs to


@bp.get("/")
def index():
    """What the search box found."""
    query = request.args.get("q", "").strip()[:MAX_QUERY]
    return render_template("dashboard/search.html", query=query, found=find(query) if query else None)


def find(query: str) -> Found:
    """Residents, orders and messages of the village that the query names."""
    residents = _residents(query)
    messages = _messages(query, residents)
    return Found(residents, _orders(query), messages, _senders(messages))


def _residents(query: str) -> list[Resident]:
    matches = []
    pattern = part_pattern(query)
    if pattern:
        matches += [Resident.phone.like(pattern), Resident.contact_phone.like(pattern)]
    if len(query) >= MIN_WORDS and not query.replace(" ", "").isdigit():
        matches.append(Resident.name.ilike(f"%{_escaped(query)}%", escape="\\"))
    if not matches:
        return []
    return list(db().scalars(select(Resident).where(
        Resident.village_id == village_id(), Resident.erased_at.is_(None), or_(*matches))
        .order_by(Resident.name).limit(SHOWN)))


def _orders(query: str) -> list[Order]:
    number = query.removeprefix("#").strip()
    if not number.isdigit() or len(number) > 9:
        return []
    return list(db().scalars(select(Order).where(
        Order.village_id == village_id(), Order.number == int(number), Order.status != "draft")))


def _messages(query: str, residents: list[Resident]) -> list:
    """Messages in and out of the residents found, of the number written, or holding the words."""
    addresses = [a for r in residents for a in (r.phone, r.telegram_chat_id) if a]
    pattern = part_pattern(query)
    words = f"%{_escaped(query)}%" if len(query) >= MIN_WORDS + 1 else None
    found = []
    for model, who, at in ((InboundMessage, InboundMessage.sender, InboundMessage.received_at),
                           (OutboundMessage, OutboundMessage.to, OutboundMessage.created_at)):
        matches = [who.in_(addresses)] if addresses else []
        if pattern:
            matches.append(who.like(pattern))
        if words:
            matches.append(model.body.ilike(words, escape="\\"))
        if matches:
            found += [(at_value, "in" if model is InboundMessage else "out", m) for m, at_value in db().execute(
                select(model, at).where(model.village_id == village_id(), or_(*matches))
                .order_by(model.id.desc()).limit(SHOWN))]
    return [(direction, message) for _, direction, message in sorted(found, key=lambda f: f[0], reverse=True)][:SHOWN]


def _senders(messages) -> dict[str, Resident]:
    addresses = {m.sender if direction == "in" else m.to for direction, m in messages}
    if not addresses:
        return {}
    residents = db().scalars(select(Resident).where(
        Resident.village_id == village_id(), Resident.erased_at.is_(None),
        or_(Resident.phone.in_(addresses), Resident.telegram_chat_id.in_(addresses))))
    return {address: r for r in residents for address in (r.phone, r.telegram_chat_id) if address}


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
