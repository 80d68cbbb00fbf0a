"""SMS and WhatsApp through Twilio: `POST /twilio/messages` and `POST /twilio/status`.

An inbound message is stored (unique on its MessageSid) and queued before the webhook is
answered, with an empty TwiML response: the answer itself comes from the outbox.

Every message of every resident, shop and volunteer comes in at `/twilio/messages`, so that
route is plain WSGI in front of the Flask app: it checks the signature, stores and queues, and
answers, without Flask's request and context machinery, which cost a third of its CPU
(`benchmarks/webhook_cpu.py`). Every other path goes on to Flask.
"""
from __future__ import annotations

import logging
from urllib.parse import parse_qsl

from flask import Blueprint, Response, request
from sqlalchemy import select

from dorpslijn.db import autocommit_engine_for
from messaging.inbox import store_and_queue
from messaging.models import OutboundMessage
from orders.phones import normalise_or_none
from orders.villages import village_id_on
from web.context import db
from web.webhooks.signature import refused, signed_by_twilio, signed_url, twilio_signed

logger = logging.getLogger(__name__)
bp = Blueprint("twilio_messages", __name__, url_prefix="/twilio")

MESSAGES = "/twilio/messages"
MAX_FORM_BYTES = 1 << 20  # a message with ten attachments is a few kilobytes
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def twiml(body: str = EMPTY_TWIML) -> Response:
    """A TwiML answer."""
    return Response(body, mimetype="text/xml")


class MessagesEndpoint:
    """`POST /twilio/messages` answered before the Flask app, which gets every other request."""

    def __init__(self, app):
        self.app, self.next = app, app.wsgi_app
        self.settings = app.config["DORPSLIJN"]

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") != MESSAGES:
            return self.next(environ, start_response)
        status = self._status(environ)
        body = EMPTY_TWIML.encode() if status == "200 OK" else b""
        start_response(status, [("Content-Type", "text/xml; charset=utf-8"), ("Content-Length", str(len(body))),
                                *([("Allow", "POST")] if status.startswith("405") else [])])
        return [body]

    def _status(self, environ) -> str:
        """The answer's HTTP status; with 200 the message is stored and queued."""
        if environ.get("REQUEST_METHOD") != "POST":
            return "405 Method Not Allowed"
        form = _form(environ)
        if form is None:
            return "413 Content Too Large"
        url = signed_url(self.settings.public_base_url, MESSAGES, environ.get("QUERY_STRING", ""))
        if not signed_by_twilio(self.settings.twilio_auth_token, url, form, environ.get("HTTP_X_TWILIO_SIGNATURE", "")):
            refused(MESSAGES)
            return "403 Forbidden"
        try:
            _receive(self.app.extensions["dorpslijn.redis"], self.settings, form)
        except Exception:  # not stored: Twilio delivers it again
            logger.exception("could not store message %s", form.get("MessageSid"))
            return "500 Internal Server Error"
        return "200 OK"


def _form(environ) -> dict | None:
    """The posted form, the first value of each name; None when it is too large to be Twilio's."""
    try:
        length = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > MAX_FORM_BYTES:
        return None
    body = environ["wsgi.input"].read(length) if length > 0 else b""
    form: dict[str, str] = {}
    for name, value in parse_qsl(body.decode("latin-1"), keep_blank_values=True, errors="replace"):
        form.setdefault(name, value)
    return form


def _receive(redis, settings, form: dict) -> None:
    """Store an SMS or WhatsApp message and queue it for a worker; one to a number that is no
    village's, or without a sender or id, is only logged."""
    channel = "whatsapp" if form.get("From", "").startswith("whatsapp:") else "sms"
    village_id = village_id_on(autocommit_engine_for(settings.database_url), form.get("To", ""))
    sender = normalise_or_none(form.get("From", ""))
    sid = form.get("MessageSid") or form.get("SmsSid")
    if village_id is None or sender is None or not sid:
        logger.warning("ignored a message to %r from %r (%s)", form.get("To"), form.get("From"), sid)
        return
    store_and_queue(
        settings.database_url, redis, village_id=village_id, channel=channel, provider_id=sid, sender=sender,
        recipient=form.get("To", ""), body=form.get("Body", ""), media=_media(form),
        extra={k: form[k] for k in ("ProfileName", "WaId", "NumSegments") if k in form})


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
