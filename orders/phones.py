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


MIN_PART_DIGITS = 4


def part_pattern(text: str, country: str = "31") -> str | None:
    """A LIKE pattern for stored E.164 numbers from part of one written any way, or None when
    it holds too few digits: `06-1234` and `+31 6 1234` start a number (`+3161234%`), `0031 6`
    likewise, and `1234 56` may be anywhere in it (`%123456%`)."""
    written = (text or "").strip()
    digits = "".join(c for c in written if c.isdigit())
    if len(digits) < MIN_PART_DIGITS:
        return None
    if written.startswith("+"):
        return f"+{digits}%"
    if digits.startswith("00"):
        return f"+{digits[2:]}%"
    if digits.startswith("0"):
        return f"+{country}{digits[1:]}%"
    return f"%{digits}%"
