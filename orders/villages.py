"""Which village a message or call is for: the number it was sent to (CONTRACT section 2)."""
from __future__ import annotations

import time

from sqlalchemy import select

from orders.models import Village
from orders.phones import normalise_or_none

CACHE_SECONDS = 60
_by_number: dict[tuple, tuple[float, int | None]] = {}  # (database URL, number)


def village_id_for(session, number: str) -> int | None:
    """The id of the village whose SMS, WhatsApp or voice number this is.

    Webhooks ask this on every request, so answers are kept for a minute per process: a
    village's new number works within a minute of its import.
    """
    return _known_or_looked_up(session.get_bind().url, number, session.scalar)


def village_id_on(engine, number: str) -> int | None:
    """The same for a webhook that opens no session: a connection only for a number not known."""
    def scalar(query):
        with engine.connect() as connection:
            return connection.scalar(query)
    return _known_or_looked_up(engine.url, number, scalar)


def _known_or_looked_up(database, number: str, scalar) -> int | None:
    to = normalise_or_none(number)
    if to is None:
        return None
    key = (database, to)
    cached = _by_number.get(key)
    if cached is not None and cached[0] > time.monotonic():
        return cached[1]
    village_id = scalar(select(Village.id).where((Village.phone == to) | (Village.whatsapp == to)))
    _by_number[key] = (time.monotonic() + CACHE_SECONDS, village_id)
    return village_id
