"""Plain messages in and out: what every channel turns its webhooks and API calls into."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class Inbound:
    """A message from a person, whatever channel it came by."""

    village_id: int
    channel: str
    sender: str
    text: str
    received_at: datetime
    media: tuple = ()
    inbound_id: int | None = None


@dataclass(frozen=True)
class Outgoing:
    """A message to one person on one channel; it goes into the outbox. `template` names the
    template that made it ("" for words a person typed, such as the coordinator's reply)."""

    channel: str
    to: str
    body: str
    extra: dict = field(default_factory=dict)
    template: str = ""
