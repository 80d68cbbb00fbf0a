"""The outbox as plain rows (`dorpslijn outbox --json`, the simulator)."""
from __future__ import annotations

from sqlalchemy import select

from messaging.models import OutboundMessage


def outbox_rows(session):
    """Every outbound message, oldest first, as CONTRACT section 4 names its fields."""
    for m in session.scalars(select(OutboundMessage).order_by(OutboundMessage.id)):
        yield {"id": m.id, "channel": m.channel, "to": m.to, "body": m.body, "status": m.status,
               "created_at": m.created_at.isoformat()}
