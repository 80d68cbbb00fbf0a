"""One step of a call, answered once: a step Twilio delivers twice gets the same answer and does
its work once.

Every action URL carries the number of the step it answers (`n`); the call's row keeps the last
step answered and its TwiML. A step's writes are committed with a guarded update of that number,
so a second delivery racing the first changes nothing and gets the first one's answer; the writes
come at the end, so SQLite's write lock is held only briefly. A step that changes nothing (the
menu again, a read-back again, when the order comes) writes nothing: a second delivery gets the
same answer anyway.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from sqlalchemy import event, select, update
from sqlalchemy.exc import IntegrityError

from dorpslijn.db import utcnow
from ivr import calls
from ivr.call import Call
from ivr.help import calm
from ivr.models import VoiceCall
from ivr.tree import STEPS
from messaging.outbox import put_all
from orders.models import Resident, Village

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Delivery:
    """One request Twilio sends to a step of a call."""

    step: str          # the name of the step in `STEPS`
    form: dict         # what Twilio posted: the call, what was pressed or said
    seq: int = 0       # `n`: the number of the step it answers
    placed: int = 0    # `call`: our record of the weekly call we placed, when it is answered


class AlreadyAnswered(Exception):
    """Another delivery of the same step answered it first."""


def answer(session, settings, delivery: Delivery, url: Callable[[str], str], commit: Callable[[], None]) -> str:
    """The TwiML for one step of a call, the same when Twilio delivers it again; `url` names a
    step's action, and `commit` commits the step's writes and sends the messages it put."""
    sid, seq = delivery.form.get("CallSid", ""), delivery.seq
    if not sid:
        return calm(settings)
    record = (session.scalar(select(VoiceCall).where(VoiceCall.call_sid == sid))
              or _placed_call(session, delivery, sid))
    if record is not None and seq <= record.seq:
        logger.info("call %s step %s delivered twice; answered once", sid, seq)
        return record.answer
    record = record or _new_call(session, delivery.form, sid)
    if record is None:
        return calm(settings)
    flushed = []
    event.listen(session, "after_flush", lambda *_: flushed.append(True), once=True)
    try:
        call = _call(session, settings, record, delivery.form, url)
        twiml = STEPS[delivery.step](call).xml()
        if not (call.outgoing or flushed or _changed(session)):
            session.rollback()  # a step that only speaks: answered again the same way, nothing to write
            return twiml
        _claim(session, record, seq, twiml)
        if call.outgoing:
            put_all(session, record.village_id, call.outgoing)
        commit()
    except (IntegrityError, AlreadyAnswered):
        session.rollback()
        logger.info("call %s step %s answered by a delivery beside this one", sid, seq)
        return session.scalar(select(VoiceCall.answer).where(VoiceCall.call_sid == sid)) or ""
    return twiml


def _changed(session) -> bool:
    """Whether the step changed anything not yet flushed that must be stored."""
    return bool(session.new or session.deleted or any(session.is_modified(o) for o in session.dirty))


def _claim(session, record: VoiceCall, seq: int, twiml: str) -> None:
    """Mark step `seq` answered, unless another delivery did so first."""
    if record.id is None:
        record.seq, record.answer = seq, twiml
        return
    session.flush()
    claimed = session.execute(update(VoiceCall).where(VoiceCall.id == record.id, VoiceCall.seq < seq)
                              .values(seq=seq, answer=twiml).execution_options(synchronize_session=False))
    if not claimed.rowcount:
        raise AlreadyAnswered


def _placed_call(session, delivery: Delivery, sid: str) -> VoiceCall | None:
    """A weekly call we placed, answered now; it gets its CallSid."""
    if delivery.step != "weekly":
        return None
    record = session.get(VoiceCall, delivery.placed)
    if record is None or record.call_sid not in (None, sid):
        return None
    record.call_sid, record.answered_at, record.status = sid, utcnow(), "in-progress"
    return record


def _call(session, settings, record: VoiceCall, form: dict, url: Callable[[str], str]) -> Call:
    """This request of the call, with who calls and how the next steps are reached."""
    village = session.get(Village, record.village_id)
    resident = session.get(Resident, record.resident_id) if record.resident_id else None
    return Call(session=session, settings=settings, village=village, resident=resident, record=record,
                now=settings.now(), form=form, url=url)


def _new_call(session, form: dict, sid: str) -> VoiceCall | None:
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
