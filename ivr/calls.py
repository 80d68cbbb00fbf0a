"""A call's life outside its menu: placed by us, ended, or broken off mid-order.

A call that ends before its basket was ordered keeps the basket as a draft (nothing is
ordered without the caller's 1) and puts it on the coordinator's task list, once.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from dorpslijn.messages import Outgoing
from ivr.call import Call
from ivr.menu import opening
from ivr.models import VoiceCall
from orders import tasks
from orders.models import Order, Resident, Village
from orders.phones import normalise_or_none
from orders.villages import village_id_for

logger = logging.getLogger(__name__)

ENDED = {"completed", "busy", "no-answer", "failed", "canceled"}
UNANSWERED = {"busy", "no-answer", "failed", "canceled"}
ABANDONED_AFTER = timedelta(minutes=30)   # a basket read back this long ago and not ordered
RING_SECONDS = 40


def status_changed(session, record: VoiceCall, status: str, now: datetime) -> list[Outgoing]:
    """Note what Twilio says became of a call; an ended call's unordered basket becomes a task."""
    record.status = status or record.status
    if status not in ENDED:
        return []
    record.ended_at = record.ended_at or now
    return follow_up(session, record)


def follow_up(session, record: VoiceCall) -> list[Outgoing]:
    """Once per call: a basket that was read back but not ordered goes on the coordinator's list."""
    if record.followed_up or record.outcome == "ordered" or not record.order_id:
        return []
    basket = session.get(Order, record.order_id)
    if basket is None or basket.status != "draft" or basket.resident_id != record.resident_id:
        return []
    record.followed_up = True
    logger.info("call %s ended with basket %s not ordered", record.call_sid, basket.id)
    village = session.get(Village, record.village_id)
    return tasks.ask_coordinator(session, village, "unfinished_order", "voice_task_unfinished", phone=record.phone,
                                 resident=basket.resident, about=f"order {basket.id}", text_coordinator=False,
                                 details={"order_id": basket.id, "call_sid": record.call_sid})


def abandoned(session, now: datetime) -> list[tuple[int, list[Outgoing]]]:
    """Calls whose basket waits unordered with no end reported (no status callback came)."""
    records = session.scalars(select(VoiceCall).where(
        VoiceCall.followed_up.is_(False), VoiceCall.order_id.is_not(None), VoiceCall.outcome != "ordered",
        VoiceCall.created_at < now - ABANDONED_AFTER)).all()
    return [(record.village_id, follow_up(session, record)) for record in records]


def caller(session, form) -> tuple[Village, str, Resident | None] | None:
    """Who calls: the village whose number was called, the caller's number, and the resident it is."""
    village_id, phone = village_id_for(session, form.get("To", "")), normalise_or_none(form.get("From", ""))
    if village_id is None or phone is None:
        return None
    resident = session.scalar(select(Resident).where(Resident.village_id == village_id, Resident.phone == phone))
    return session.get(Village, village_id), phone, resident


def fallback_call_back(session, form) -> tuple[int, list[Outgoing]] | None:
    """After an error on our side: the caller's number goes to the coordinator as a call-back;
    the village and the coordinator's text, for the caller to send at once."""
    village, phone, resident = _broken_call(session, form)
    if village is None:
        return None
    return village.id, tasks.ask_coordinator(session, village, "call_back", "voice_coordinator_call_back",
                                             phone=phone, resident=resident,
                                             details={"error": form.get("ErrorCode", "")})


def fallback_language(session, form) -> str:
    """The language of a caller cut off by our error: the resident's, else their village's, else Dutch."""
    village, _, resident = _broken_call(session, form)
    return resident.language if resident else village.language if village else "nl"


def _broken_call(session, form) -> tuple[Village | None, str | None, Resident | None]:
    """Who was on a call that broke: from our record of it, else from the numbers."""
    record = session.scalar(select(VoiceCall).where(VoiceCall.call_sid == form.get("CallSid", "")))
    if record is not None:
        return session.get(Village, record.village_id), record.phone, record.resident
    return caller(session, form) or (None, None, None)


def place(session, settings, record: VoiceCall) -> list[Outgoing]:
    """Make a call we planned: recorded in the outbox (console) or placed through Twilio (live);
    what to put in the outbox."""
    if settings.console:
        record.status = "ringing"
        return [console_call(session, settings, record)]
    record.status = _dial(session, settings, record)
    return []


def console_call(session, settings, record: VoiceCall) -> Outgoing:
    """The call as an outbox row: what would be said first, and the path that answers it."""
    call = Call(session=session, settings=settings, village=session.get(Village, record.village_id),
                resident=session.get(Resident, record.resident_id), record=record, now=settings.now(),
                url=lambda step: step)
    text = opening(call) + "\n" + call.words("menu")
    return Outgoing("voice", record.phone, text, {"answer": _answer_path(record)}, "voice_weekly")


def _answer_path(record: VoiceCall) -> str:
    """Where Twilio asks what to say when the resident answers the call we placed."""
    return f"/twilio/voice/weekly?call={record.id}"


def _dial(session, settings, record: VoiceCall) -> str:
    """Place the call through Twilio; its status, or `failed` when Twilio refuses it."""
    village = session.get(Village, record.village_id)
    client = Client(settings.twilio_account_sid, settings.twilio_auth_token)
    if settings.twilio_api_base:
        client.api.base_url = settings.twilio_api_base
    base = settings.public_base_url
    try:
        placed = client.calls.create(
            to=record.phone, from_=village.phone, url=base + _answer_path(record),
            fallback_url=f"{base}/twilio/voice/fallback", status_callback=f"{base}/twilio/voice/status",
            status_callback_event=["completed"], timeout=RING_SECONDS)
    except TwilioRestException as exc:
        logger.warning("could not call %s: %s", record.phone, exc.msg)
        return "failed"
    record.call_sid = placed.sid
    return placed.status or "queued"
