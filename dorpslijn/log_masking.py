"""Phone numbers never reach a log line whole: every record is masked as it is made.

`install()` sets a log record factory (the CLI and the web app call it), so the message, the
traceback and the stack of every record, whichever handler writes it, show `+31*******01`
instead of a resident's number. The patterns are linear: no nested repetition.
"""
from __future__ import annotations

import logging
import re

# +31 6 1234 5678 / 0031612345678 / 06-12345678 / 0381234567 / 31612345678 (Telegram's contact)
# / %2B31612345678 (a URL's query, in the access log)
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|%2B|00)\d[\d \-]{6,16}\d|0[1-9](?:[ \-]?\d){8}|31[1-9]\d{8})(?![\w])",
                   re.I)
KEPT_AT_END = 2


def mask(text: str) -> str:
    """The text with every phone number in it masked but for its first and last two digits."""
    if not any(c.isdigit() for c in text):
        return text
    return PHONE.sub(_masked, text)


def _masked(match: re.Match) -> str:
    number = match.group(0)
    head = re.match(r"(?:\+|%2B)?\d\d", number, re.I).group(0)  # +31, %2B31, 06, 00
    digits = [c for c in number[len(head):] if c.isdigit()]
    return head + "*" * (len(digits) - KEPT_AT_END) + "".join(digits[-KEPT_AT_END:])


def install() -> None:
    """Mask phone numbers in every log record this process makes from now on (once)."""
    previous = logging.getLogRecordFactory()
    if getattr(previous, "masks_phones", False):
        return

    def factory(*args, **kwargs):
        record = previous(*args, **kwargs)
        _mask_record(record)
        return record

    factory.masks_phones = True
    logging.setLogRecordFactory(factory)


def _mask_record(record: logging.LogRecord) -> None:
    try:
        message = record.getMessage()
    except Exception:  # bad arguments: logging itself reports them when the record is written
        return
    masked = mask(message)
    if masked != message:
        record.msg, record.args = masked, ()
    if record.exc_info and not record.exc_text:
        record.exc_text = mask(logging.Formatter().formatException(record.exc_info))
    if record.stack_info:
        record.stack_info = mask(record.stack_info)
