"""The time the tests' worker and scheduler see (DORPSLIJN_CLOCK), and moments to set it to."""
from __future__ import annotations

from datetime import datetime, timezone

from dorpslijn.redis_server import connect
from worker.schedule import tick

# Monday 23 November 2026, 10:00 in Zwartsluis: Tuesday's cut-off is tonight at 18:00.
DAYTIME = "2026-11-23T10:00:00+01:00"


class Clock:
    """The time the worker and scheduler see (DORPSLIJN_CLOCK)."""

    def __init__(self, monkeypatch, settings):
        self.monkeypatch, self.settings = monkeypatch, settings
        self.set(DAYTIME)

    def set(self, moment: str) -> None:
        self.monkeypatch.setenv("DORPSLIJN_CLOCK", moment)

    def tick(self, moment: str, work) -> None:
        """The scheduler ticks at this moment; the messages it queues are sent."""
        self.set(moment)
        tick(self.settings, connect(self.settings), datetime.fromisoformat(moment))
        work()


def at(*args):
    return datetime(*args, tzinfo=timezone.utc)
