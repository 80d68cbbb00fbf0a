"""Every Twilio request is checked: `X-Twilio-Signature` over PUBLIC_BASE_URL + path + form."""
from __future__ import annotations

import functools
import hmac
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
        if not _signed_by_twilio(request.headers.get("X-Twilio-Signature", "")):
            logger.warning("refused a request to %s with a bad Twilio signature", request.path)
            abort(403)
        return view(*args, **kwargs)
    return checked


def _signed_by_twilio(signature: str) -> bool:
    """Whether Twilio signed this request. The URL as configured is tried first, with one HMAC;
    `validate` then also tries it with and without a port, as Twilio may have signed either."""
    validator = _validator(settings().twilio_auth_token)
    url, form = signed_url(), request.form.to_dict(flat=True)
    expected = validator.compute_signature(url, form)
    return hmac.compare_digest(expected.encode(), signature.encode()) or validator.validate(url, form, signature)


@functools.lru_cache(maxsize=4)
def _validator(token: str) -> RequestValidator:
    return RequestValidator(token)
