"""Berichten: every message in and out, overall or of one person, newest first, with what
Twilio said became of it; and a reply to a person, sent through the outbox on their channel."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import or_, select

from dorpslijn.messages import Outgoing
from messaging.models import InboundMessage, OutboundMessage
from messaging.outbox import put_all
from orders import notices
from orders.models import Resident, Shop, Volunteer
from web.context import db, redis
from web.dashboard.auth import own, village_id
from web.dashboard.editing import record, subject_of
from worker.sending import commit_and_send

bp = Blueprint("messages", __name__, url_prefix="/messages")

SHOWN = 200
PROBLEMS = ("failed", "undelivered")
REPLY_LIMIT = 1000


@dataclass(frozen=True)
class Line:
    """One message as the page shows it: in or out, when, who, what, and its status."""
    direction: str  # "in" or "out"
    at: datetime
    channel: str
    address: str
    body: str
    status: str = ""
    error: str = ""

    @property
    def problem(self) -> bool:
        return self.status in PROBLEMS


@bp.get("/")
def index():
    """All messages of the village (`?problems=1`: only those that did not arrive)."""
    problems = request.args.get("problems") == "1"
    lines = _lines(None, problems)
    return render_template("dashboard/messages.html", lines=lines, person=None, problems=problems,
                           names=_names({line.address for line in lines}))


@bp.get("/resident/<int:resident_id>")
def of_resident(resident_id: int):
    """One resident's messages on every channel, and a reply form."""
    resident = own(Resident, resident_id)
    addresses = [a for a in (resident.phone, resident.telegram_chat_id) if a]
    return render_template("dashboard/messages.html", lines=_lines(addresses, False), person=resident,
                           problems=False, names=_names(set(addresses)), channel=notices.resident(resident).channel)


@bp.post("/resident/<int:resident_id>/reply")
def reply(resident_id: int):
    """A text from the coordinator to the resident, on the channel they use."""
    resident = own(Resident, resident_id)
    body = request.form.get("body", "").strip()
    if resident.erased_at is not None or resident.opted_out:
        abort(409)
    if not body or len(body) > REPLY_LIMIT:
        flash("reply_empty" if not body else "reply_too_long")
        return redirect(url_for(".of_resident", resident_id=resident_id))
    channel, to = notices.resident(resident)
    put_all(db(), village_id(), [Outgoing(channel, to, body, extra={"from_coordinator": True})])
    record("message.reply", subject_of(resident), after={"channel": channel, "body": body})
    commit_and_send(db(), redis())
    flash("reply_sent")
    return redirect(url_for(".of_resident", resident_id=resident_id))


def _lines(addresses: list[str] | None, problems: bool) -> list[Line]:
    """The newest messages in and out (of these addresses only, unless None), newest first."""
    inbound = select(InboundMessage).where(InboundMessage.village_id == village_id())
    outbound = select(OutboundMessage).where(OutboundMessage.village_id == village_id())
    if addresses is not None:
        inbound = inbound.where(InboundMessage.sender.in_(addresses))
        outbound = outbound.where(OutboundMessage.to.in_(addresses))
    if problems:
        outbound = outbound.where(OutboundMessage.status.in_(PROBLEMS))
    lines = [Line("out", m.created_at, m.channel, m.to, m.body, m.status, m.error)
             for m in db().scalars(outbound.order_by(OutboundMessage.id.desc()).limit(SHOWN))]
    if not problems:
        lines += [Line("in", m.received_at, m.channel, m.sender, m.body)
                  for m in db().scalars(inbound.order_by(InboundMessage.id.desc()).limit(SHOWN))]
    return sorted(lines, key=lambda line: line.at, reverse=True)[:SHOWN]


def _names(addresses: set[str]) -> dict[str, str]:
    """Who is behind each of these numbers or chats in the village: residents, shops and volunteers."""
    names = {}
    for model in (Resident, Shop, Volunteer):
        for person in db().scalars(select(model).where(model.village_id == village_id(), or_(
                model.phone.in_(addresses), model.telegram_chat_id.in_(addresses)))):
            for address in (person.phone, person.telegram_chat_id):
                if address:
                    names[address] = person.name
    return names

