"""Helpers for conversation tests: a fixed clock, the last message someone got, rows in the database."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from dorpslijn.db import session_scope
from dorpslijn.redis_server import connect
from messaging.models import OutboundMessage
from tests.conftest import DAYTIME
from worker.schedule import tick

INEKE = "+31612345651"  # Truus's daughter, her contact person in the demo village


class Clock:
    """The time the worker and scheduler see (DORPSLIJN_CLOCK)."""

    def __init__(self, monkeypatch, settings):
        self.monkeypatch, self.settings = monkeypatch, settings
        self.set(DAYTIME)

    def set(self, moment: str) -> None:
        self.monkeypatch.setenv("DORPSLIJN_CLOCK", moment)

    def tick(self, moment: str, work) -> None:
        """The scheduler ticks at this moment; the messages it queues are sent."""
        from datetime import datetime
        self.set(moment)
        tick(self.settings, connect(self.settings), datetime.fromisoformat(moment))
        work()


@pytest.fixture
def clock(monkeypatch, settings):
    """The clock, at Monday morning (DAYTIME) until a test sets it."""
    return Clock(monkeypatch, settings)


def messages(settings, to=None):
    """Outbox rows with their extra (choices) and the template that made them, oldest first."""
    with session_scope(settings.database_url) as session:
        rows = session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)).all()
        return [{"to": m.to, "channel": m.channel, "body": m.body, "extra": dict(m.extra or {}),
                 "template": m.template}
                for m in rows if to is None or m.to == to]


def last(settings, to):
    """The body of the last message to someone."""
    return messages(settings, to)[-1]["body"]
