"""The voice menu's webhooks: `POST /twilio/voice` and the steps of a call under it.

Each step is answered by `ivr/step.py`, once, and the same way when Twilio delivers it again;
the view only reads the request and returns the TwiML.
"""
from __future__ import annotations

import logging

from flask import Blueprint, abort, request, url_for
from sqlalchemy import select

from dorpslijn.db import utcnow
from ivr import calls
from ivr.help import calm
from ivr.models import VoiceCall
from ivr.step import Delivery, answer
from ivr.tree import STEPS
from messaging.outbox import put_all
from web.context import db, redis, settings
from web.webhooks.signature import twilio_signed
from web.webhooks.twilio_messages import twiml
from worker.sending import commit_and_send

logger = logging.getLogger(__name__)
bp = Blueprint("voice", __name__, url_prefix="/twilio/voice")


@bp.post("")
@twilio_signed
def incoming():
    """A call comes in."""
    return _step("answer")


@bp.post("/weekly")
@twilio_signed
def weekly():
    """A weekly call we placed was answered (`?call=` names our record of it)."""
    return _step("weekly")


@bp.post("/status")
@twilio_signed
def status():
    """Twilio's call status callback: a call that ends mid-order keeps its basket, unordered."""
    session = db()
    record = session.scalar(select(VoiceCall).where(VoiceCall.call_sid == request.form.get("CallSid")))
    if record is not None:
        messages = calls.status_changed(session, record, request.form.get("CallStatus", ""), utcnow())
        _send(session, record.village_id, messages)
    return "", 204


@bp.post("/fallback")
@twilio_signed
def fallback():
    """Twilio's Fallback URL: a calm sentence in the caller's language and a call-back, never Twilio's error."""
    logger.error("voice fallback for %s: error %s at %s", request.form.get("CallSid"),
                 request.form.get("ErrorCode"), request.form.get("ErrorUrl"))
    language = "nl"
    try:
        language = calls.fallback_language(db(), request.form)
        found = calls.fallback_call_back(db(), request.form)
        if found:
            _send(db(), *found)
    except Exception:
        logger.exception("could not note the call-back for %s", request.form.get("From"))
    return twiml(calm(settings(), language))


@bp.post("/<name>")
@twilio_signed
def step(name):
    """A later step of a call: the action of a question, a recording, a redirect."""
    if name not in STEPS or name in ("answer", "weekly"):
        abort(404)
    return _step(name)


def _step(name: str):
    """One step of a call, answered once (ivr/step.py), as TwiML."""
    seq = request.args.get("n", 0, type=int)
    delivery = Delivery(name, request.form.to_dict(flat=True), seq, request.args.get("call", 0, type=int))
    session, base = db(), settings().public_base_url
    return twiml(answer(session, settings(), delivery,
                        url=lambda step: base + url_for("voice.step", name=step, n=seq + 1),
                        commit=lambda: commit_and_send(session, redis())))


def _send(session, village_id: int, messages) -> None:
    """Commit, then have a worker send the messages a call's end or our error made."""
    if messages:
        put_all(session, village_id, messages)
    commit_and_send(session, redis())
