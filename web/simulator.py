"""The phone simulator (console transport only): be any phone of the village and text it.

The browser sends each message itself to the real `POST /twilio/messages`, signed with the
development token, so it takes the same path as a message from Twilio: webhook, queue, worker.
A Telegram message goes the same way to the real `POST /telegram/webhook`, as an Update from
the phone's simulated chat (`chat_id`) with the webhook's secret header.
A button closes a village's next delivery day as `dorpslijn rounds close` does, so that a round
can be walked too without waiting for the cut-off.
"""
from __future__ import annotations

import secrets
import uuid

from flask import Blueprint, abort, jsonify, render_template, request
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bots.telegram_chats import PEOPLE
from dorpslijn.words import day as day_name
from dorpslijn.words import say
from messaging.models import InboundMessage, OutboundMessage
from orders.availability import next_day_on
from orders.models import Resident, Shop, Village, Volunteer
from web.context import db, settings
from web.webhooks.telegram import SECRET_HEADER
from worker.rounds_jobs import close_day

bp = Blueprint("simulator", __name__)


@bp.get("/")
def page():
    """The simulator: a phone per resident, shop, volunteer and coordinator."""
    villages = db().scalars(select(Village).order_by(Village.id)).all()
    return render_template("simulator.html", phones=phones(db()), share_label=say("telegram_contact_button", "nl"),
                           days=[(village, next_day_on(db(), village, None, settings().now())) for village in villages])


def phones(session) -> list[dict]:
    """Every phone the simulator can be, grouped by who holds it."""
    result = []
    for village in session.scalars(select(Village).order_by(Village.id)):
        to = {"village": village.name, "to": village.phone}
        result.append({**to, "who": "coördinator", "name": "Coördinator", "phone": village.coordinator_phone})
        for r in session.scalars(select(Resident).where(Resident.village_id == village.id, Resident.erased_at.is_(None))
                                 .order_by(Resident.name)):
            result.append({**to, "who": "bewoner", "name": r.name, "phone": r.phone})
        for s in session.scalars(select(Shop).where(Shop.village_id == village.id).order_by(Shop.name)):
            result.append({**to, "who": "winkel", "name": s.name, "phone": s.phone})
        for v in session.scalars(select(Volunteer).where(Volunteer.village_id == village.id).order_by(Volunteer.name)):
            result.append({**to, "who": "vrijwilliger", "name": v.name, "phone": v.phone})
        result.append({**to, "who": "nieuw", "name": "Onbekend nummer", "phone": "+31699999999"})
    return result


@bp.post("/simulator/sign")
def sign():
    """Twilio's form for a text from `From` to `To`, and its signature, ready to post."""
    data = request.get_json(force=True)
    prefix = "whatsapp:" if data.get("channel") == "whatsapp" else ""
    form = {"MessageSid": "SM" + uuid.uuid4().hex, "AccountSid": settings().twilio_account_sid,
            "From": prefix + data["from"], "To": prefix + data["to"], "Body": data.get("body", ""),
            "NumMedia": "0"}
    return _signed("/twilio/messages", form)


def _signed(path: str, form: dict):
    """The form and the signature Twilio would send with it to `path`, for the browser to post."""
    url = settings().public_base_url + path
    return jsonify(form=form, signature=RequestValidator(settings().twilio_auth_token).compute_signature(url, form))


def chat_id(phone: str) -> int:
    """A phone's simulated Telegram chat id: the digits of its E.164 number (+31612345601 is 31612345601).

    The same phone always has the same chat, and no two phones share one, whatever their
    country code; `/simulator/messages` maps the chat back to the phone by the same rule.
    """
    return int(phone.removeprefix("+"))


@bp.post("/simulator/telegram/update")
def telegram_update():
    """The Telegram Update of a text (or of the contact button) from `from`'s chat, and the webhook's secret.

    The secret is the one the webhook checks; handing it to the browser is what the simulator is
    for, as `/simulator/sign` signs with the Twilio token, and only the console transport has it.
    """
    data = request.get_json(force=True)
    phone, first_name = data["from"], data.get("name", "").partition(" ")[0]
    chat = chat_id(phone)
    message = {"message_id": secrets.randbits(31), "date": int(settings().now().timestamp()),
               "chat": {"id": chat, "type": "private", "first_name": first_name},
               "from": {"id": chat, "is_bot": False, "first_name": first_name, "language_code": _language(phone)}}
    if data.get("contact"):
        message["contact"] = {"phone_number": phone.removeprefix("+"), "first_name": first_name, "user_id": chat}
    else:
        message["text"] = data.get("body", "")
    # Random, so that no restart or second web process repeats an id the webhook has stored.
    update = {"update_id": secrets.randbits(48), "message": message}
    return jsonify(update=update, header=SECRET_HEADER, secret=settings().telegram_webhook_secret)


def _language(phone: str) -> str:
    """The language the Telegram app would report: the resident's, else Dutch."""
    return db().scalar(select(Resident.language).where(Resident.phone == phone).limit(1)) or "nl"


@bp.post("/simulator/call/sign")
def sign_call():
    """A step of a simulated phone call to the voice menu, signed as Twilio signs it."""
    data = request.get_json(force=True)
    if not data.get("path", "").startswith("/twilio/voice"):
        return jsonify(error="not a voice path"), 400
    form = {"AccountSid": settings().twilio_account_sid, **{k: str(v) for k, v in data.get("form", {}).items()}}
    return _signed(data["path"], form)


@bp.get("/simulator/messages")
def messages():
    """Every message in and out, per phone (a Telegram chat under the phone it is), for the simulator to show."""
    session = db()
    phone_of = _phones_of_chats(session)
    inbound = session.scalars(select(InboundMessage).order_by(InboundMessage.id.desc()).limit(500))
    outbound = session.scalars(select(OutboundMessage).order_by(OutboundMessage.id.desc()).limit(500))
    rows = [{"phone": phone_of(m.channel, m.sender), "direction": "in", "channel": m.channel, "body": m.body,
             "at": m.received_at.isoformat(), "contact": (m.extra or {}).get("contact")} for m in inbound]
    rows += [{"phone": phone_of(m.channel, m.to), "direction": "out", "channel": m.channel, "body": m.body,
              "at": m.created_at.isoformat(), "status": m.status, "answer": (m.extra or {}).get("answer"),
              "ask_contact": (m.extra or {}).get("ask_contact")}
             for m in outbound]
    rows.sort(key=lambda r: r["at"])
    return jsonify(messages=rows)


def _phones_of_chats(session):
    """The phone a message's address is: a Telegram chat is the phone it was simulated for, or its linked person's."""
    linked = {chat: phone for model in PEOPLE for chat, phone in session.execute(
        select(model.telegram_chat_id, model.phone).where(model.telegram_chat_id.is_not(None)))}
    chats = {**linked, **{str(chat_id(p["phone"])): p["phone"] for p in phones(session)}}
    return lambda channel, address: chats.get(address, address) if channel == "telegram" else address


@bp.post("/simulator/close-day")
def close_next_day():
    """Close the village's next delivery day now, as `dorpslijn rounds close` does without `--date`."""
    village = db().scalar(select(Village).where(Village.slug == request.get_json(force=True).get("village")))
    if village is None:
        abort(404)
    now = settings().now()
    day = next_day_on(db(), village, None, now)
    if day is None:
        return jsonify(closed=None, next=None), 409
    summary = close_day(village.id, day.isoformat(), now.isoformat())
    following = next_day_on(db(), village, None, now)
    return jsonify(closed=day_name(day), rounds=summary["rounds"], unassigned=summary["unassigned"],
                   next=following and day_name(following))
