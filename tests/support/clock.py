"""The time the tests' worker and scheduler see (DORPSLIJN_CLOCK), and moments to set it to."""
from __future__ import annotations

from datetime import datetime

from dorpslijn.redis_server import connect
from tests.support.moments import DAYTIME
from worker.schedule import tick


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
