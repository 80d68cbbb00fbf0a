"""`dorpslijn parse`: JSON lines in, one understanding per line out, whatever the input holds."""
from __future__ import annotations

import json
import logging

from .model import Understanding
from .reading import understand

logger = logging.getLogger(__name__)


def parse_stream(catalogue, lines_in, out) -> None:
    """Read `{"id", "text"}` lines and write the CONTRACT's parse line for each; never raise on input."""
    for line in lines_in:
        if not line.strip():
            continue
        message_id, text = _read(line)
        try:
            result = understand(text, catalogue) if isinstance(text, str) else Understanding()
        except Exception:  # one bad message must not stop the stream
            logger.exception("could not understand message %s", message_id)
            result = Understanding()
        out.write(json.dumps(result.as_json(message_id), ensure_ascii=False) + "\n")
    out.flush()


def _read(line):
    """The id and text of an input line; a broken line gives what it can (id None, no text)."""
    try:
        row = json.loads(line)
    except ValueError:
        return None, None
    if not isinstance(row, dict):
        return None, None
    return row.get("id"), row.get("text")
