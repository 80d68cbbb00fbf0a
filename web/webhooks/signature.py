"""Every Twilio request is checked: `X-Twilio-Signature` over PUBLIC_BASE_URL + path + form."""
from __future__ import annotations

import functools
import hmac
import logging

from flask import abort, request
from twilio.request_validator import RequestValidator

from web.context import settings

logger = logging.getLogger(__name__)


def signed_url(base_url: str, path: str, query: str) -> str:
    """The URL Twilio signed: our public base URL, never what proxy headers claim."""
    return base_url + path + (f"?{query}" if query else "")


def twilio_signed(view):
    """Refuse (403) a request whose Twilio signature does not match, before anything else."""
    @functools.wraps(view)
    def checked(*args, **kwargs):
        url = signed_url(settings().public_base_url, request.path, request.query_string.decode())
        if not signed_by_twilio(settings().twilio_auth_token, url, request.form.to_dict(flat=True),
                                request.headers.get("X-Twilio-Signature", "")):
            refused(request.path)
            abort(403)
        return view(*args, **kwargs)
    return checked


def signed_by_twilio(token: str, url: str, form: dict, signature: str) -> bool:
    """Whether Twilio signed this form posted to this URL. The URL as configured is tried first,
    with one HMAC; `validate` then also tries it with and without a port, as Twilio may have
    signed either."""
    validator = _validator(token)
    expected = validator.compute_signature(url, form)
    return hmac.compare_digest(expected.encode(), signature.encode()) or validator.validate(url, form, signature)


def refused(path: str) -> None:
    """Log a request refused for its signature."""
    logger.warning("refused a request to %s with a bad Twilio signature", path)


@functools.lru_cache(maxsize=4)
def _validator(token: str) -> RequestValidator:
    return RequestValidator(token)
