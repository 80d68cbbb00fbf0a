"""The voice menu's webhooks: `POST /twilio/voice` and the steps of a call under it.

Every action URL carries the number of the step it answers (`n`); the call's row keeps the
last step answered and its TwiML, so a step Twilio delivers twice gets the same answer and
does its work once.
"""
from __future__ import annotations

import logging

from flask import Blueprint, abort, request, url_for
from sqlalchemy import event, select, update
from sqlalchemy.exc import IntegrityError

from messaging.outbox import put_all
from web.webhooks.twilio_messages import twiml
from web.webhooks.signature import twilio_signed
from dorpslijn.db import utcnow
from dorpslijn.words import say
from ivr import calls
from ivr.call import Call
from ivr.tree import STEPS
from ivr.models import VoiceCall
from ivr.twiml import Reply, Voice
from orders.models import Resident, Village
from web.context import db, redis, settings
from worker.queues import commit_and_send

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
    """Twilio's Fallback URL: a calm sentence and a call-back, never Twilio's English error."""
    logger.error("voice fallback for %s: error %s at %s", request.form.get("CallSid"),
                 request.form.get("ErrorCode"), request.form.get("ErrorUrl"))
    try:
        found = calls.fallback_call_back(db(), request.form)
        if found:
            _send(db(), *found)
    except Exception:
        logger.exception("could not note the call-back for %s", request.form.get("From"))
    return _calm()


@bp.post("/<name>")
@twilio_signed
def step(name):
    """A later step of a call: the action of a question, a recording, a redirect."""
    if name not in STEPS or name in ("answer", "weekly"):
        abort(404)
    return _step(name)


def _step(name: str):
    """Answer one step of a call once, and the same way when Twilio delivers it again.

    The call's row holds the number of the last step answered and its TwiML. A step's writes
    are committed with a guarded update of that number, so a second delivery racing the first
    changes nothing and gets the first one's answer; the writes come at the end, so SQLite's
    write lock is held only briefly. A step that changes nothing (the menu again, a read-back
    again, when the order comes) writes nothing: a second delivery gets the same answer anyway.
    """
    sid, seq = request.form.get("CallSid", ""), request.args.get("n", 0, type=int)
    if not sid:
        return _calm()
    session = db()
    record = session.scalar(select(VoiceCall).where(VoiceCall.call_sid == sid)) or _placed_call(session, name, sid)
    if record is not None and seq <= record.seq:
        logger.info("call %s step %s delivered twice; answered once", sid, seq)
        return twiml(record.answer)
    record = record or _new_call(session, request.form, sid)
    if record is None:
        return _calm()
    flushed = []
    event.listen(session, "after_flush", lambda *_: flushed.append(True), once=True)
    try:
        call = _call(session, record, seq)
        answer = STEPS[name](call).xml()
        if not (call.outgoing or flushed or _changed(session)):
            session.rollback()  # a step that only speaks: answered again the same way, nothing to write
            return twiml(answer)
        _claim(session, record, seq, answer)
        _send(session, record.village_id, call.outgoing)
    except (IntegrityError, AlreadyAnswered):
        session.rollback()
        logger.info("call %s step %s answered by a delivery beside this one", sid, seq)
        return twiml(session.scalar(select(VoiceCall.answer).where(VoiceCall.call_sid == sid)) or "")
    return twiml(answer)


def _changed(session) -> bool:
    """Whether the step changed anything not yet flushed that must be stored."""
    return bool(session.new or session.deleted or any(session.is_modified(o) for o in session.dirty))


class AlreadyAnswered(Exception):
    """Another delivery of the same step answered it first."""


def _claim(session, record: VoiceCall, seq: int, answer: str) -> None:
    """Mark step `seq` answered, unless another delivery did so first."""
    if record.id is None:
        record.seq, record.answer = seq, answer
        return
    session.flush()
    claimed = session.execute(update(VoiceCall).where(VoiceCall.id == record.id, VoiceCall.seq < seq)
                              .values(seq=seq, answer=answer).execution_options(synchronize_session=False))
    if not claimed.rowcount:
        raise AlreadyAnswered


def _placed_call(session, name: str, sid: str) -> VoiceCall | None:
    """A weekly call we placed, answered now (`?call=` names it); it gets its CallSid."""
    if name != "weekly":
        return None
    record = session.get(VoiceCall, request.args.get("call", 0, type=int))
    if record is None or record.call_sid not in (None, sid):
        return None
    record.call_sid, record.answered_at, record.status = sid, utcnow(), "in-progress"
    return record


def _call(session, record: VoiceCall, seq: int) -> Call:
    """This request of the call, with who calls and how the next steps are reached."""
    village = session.get(Village, record.village_id)
    resident = session.get(Resident, record.resident_id) if record.resident_id else None
    base = settings().public_base_url
    return Call(session=session, settings=settings(), village=village, resident=resident, record=record,
                     now=settings().now(), form=request.form.to_dict(flat=True),
                     url=lambda step: base + url_for("voice.step", name=step, n=seq + 1))


def _new_call(session, form, sid: str) -> VoiceCall | None:
    """The record of a call that came in, to the village whose number was called."""
    found = calls.caller(session, form)
    if found is None:
        logger.warning("a call from %r to %r reached no village", form.get("From"), form.get("To"))
        return None
    village, phone, resident = found
    record = VoiceCall(village_id=village.id, call_sid=sid, phone=phone, resident_id=resident.id if resident else None,
                       direction="inbound", status="in-progress", answered_at=utcnow(), data={}, failures=0)
    session.add(record)
    return record


def _send(session, village_id: int, messages) -> None:
    """Commit, then have a worker send the messages the step made."""
    if messages:
        put_all(session, village_id, messages)
    commit_and_send(session, redis())


def _calm():
    """A calm Dutch sentence that a volunteer will call back, then the end of the call."""
    reply = Reply(Voice(settings().voice, "nl")).hang_up(say("voice_fallback", "nl"))
    return twiml(reply.xml())
