"""Every Twilio request is checked: `X-Twilio-Signature` over PUBLIC_BASE_URL + path + form."""
from __future__ import annotations

import functools
import logging

from flask import abort, request
from twilio.request_validator import RequestValidator

from web.context import settings

logger = logging.getLogger(__name__)


def signed_url() -> str:
    """The URL Twilio signed: our public base URL, never what proxy headers claim."""
    query = request.query_string.decode()
    return settings().public_base_url + request.path + (f"?{query}" if query else "")


def twilio_signed(view):
    """Refuse (403) a request whose Twilio signature does not match, before anything else."""
    @functools.wraps(view)
    def checked(*args, **kwargs):
        validator = RequestValidator(settings().twilio_auth_token)
        signature = request.headers.get("X-Twilio-Signature", "")
        if not validator.validate(signed_url(), request.form.to_dict(flat=True), signature):
            logger.warning("refused a request to %s with a bad Twilio signature", request.path)
            abort(403)
        return view(*args, **kwargs)
    return checked
