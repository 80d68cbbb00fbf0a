"""SMS and WhatsApp through Twilio: `POST /twilio/messages` and `POST /twilio/status`.

An inbound message is stored (unique on its MessageSid) and queued before the webhook is
answered, with an empty TwiML response: the answer itself comes from the outbox.
"""
from __future__ import annotations

import logging

from flask import Blueprint, Response, request
from sqlalchemy import select

from bots.inbound_store import store_and_queue
from bots.models import OutboundMessage
from bots.twilio_signature import twilio_signed
from orders.villages import village_id_for
from orders.phones import normalise_or_none
from web.context import db, redis

logger = logging.getLogger(__name__)
bp = Blueprint("twilio_messages", __name__, url_prefix="/twilio")

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def twiml(body: str = EMPTY_TWIML) -> Response:
    """A TwiML answer."""
    return Response(body, mimetype="text/xml")


@bp.post("/messages")
@twilio_signed
def messages():
    """Store an SMS or WhatsApp message, queue it for a worker, and answer at once."""
    form = request.form
    channel = "whatsapp" if form.get("From", "").startswith("whatsapp:") else "sms"
    village_id = village_id_for(db(), form.get("To", ""))
    sender = normalise_or_none(form.get("From", ""))
    sid = form.get("MessageSid") or form.get("SmsSid")
    if village_id is None or sender is None or not sid:
        logger.warning("ignored a message to %r from %r (%s)", form.get("To"), form.get("From"), sid)
        return twiml()
    store_and_queue(
        db(), redis(), village_id=village_id, channel=channel, provider_id=sid, sender=sender,
        recipient=form.get("To", ""), body=form.get("Body", ""), media=_media(form),
        extra={k: form[k] for k in ("ProfileName", "WaId", "NumSegments") if k in form})
    return twiml()


@bp.post("/status")
@twilio_signed
def status():
    """Record what Twilio says became of a message we sent."""
    form = request.form
    session = db()
    message = session.scalar(select(OutboundMessage).where(OutboundMessage.provider_id == form.get("MessageSid")))
    if message is not None:
        message.status = form.get("MessageStatus", message.status)
        if form.get("ErrorCode"):
            message.error = f"{form.get('ErrorCode')} {form.get('ErrorMessage', '')}".strip()
        session.commit()
    return "", 204


def _media(form) -> list[dict]:
    """The attachments of a message: their URLs and types."""
    try:
        count = min(int(form.get("NumMedia", "0") or 0), 10)
    except ValueError:
        count = 0
    return [{"url": form.get(f"MediaUrl{i}", ""), "type": form.get(f"MediaContentType{i}", "")}
            for i in range(count)]
