"""Which village a message or call is for: the number it was sent to (CONTRACT section 2)."""
from __future__ import annotations

import time

from sqlalchemy import select

from orders.models import Village
from orders.phones import normalise_or_none

CACHE_SECONDS = 60
_by_number: dict[tuple[str, str], tuple[float, int | None]] = {}


def village_id_for(session, number: str) -> int | None:
    """The id of the village whose SMS, WhatsApp or voice number this is.

    Webhooks ask this on every request, so answers are kept for a minute per process: a
    village's new number works within a minute of its import.
    """
    to = normalise_or_none(number)
    if to is None:
        return None
    key = (str(session.get_bind().url), to)
    cached = _by_number.get(key)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1]
    village_id = session.scalar(select(Village.id).where((Village.phone == to) | (Village.whatsapp == to)))
    _by_number[key] = (time.monotonic() + CACHE_SECONDS, village_id)
    return village_id
