"""What someone was sent, read from the outbox table: every message with its template, or the last one's body."""
from __future__ import annotations

from sqlalchemy import select

from dorpslijn.db import session_scope
from messaging.models import OutboundMessage


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
