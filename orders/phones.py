"""Phone numbers as residents write them, stored in E.164."""
from __future__ import annotations

from functools import lru_cache

import phonenumbers

from orders.exceptions import InvalidPhone


@lru_cache(maxsize=65536)
def normalise(text: str, region: str = "NL") -> str:
    """`06-12345678`, `+31 6 1234 5678` or `0031612345678` as `+31612345678`.

    Kept per process: every webhook parses its sender's and its village's number, and the
    same few thousand numbers come back all week.
    """
    cleaned = (text or "").strip().removeprefix("whatsapp:")
    try:
        number = phonenumbers.parse(cleaned, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidPhone(f"not a phone number: {text!r}") from exc
    if not phonenumbers.is_possible_number(number):
        raise InvalidPhone(f"not a phone number: {text!r}")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_or_none(text: str) -> str | None:
    """The E.164 form, or None for what is not a phone number."""
    try:
        return normalise(text)
    except InvalidPhone:
        return None
