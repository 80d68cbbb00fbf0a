"""Voice notes and photos (a spoken order, a handwritten list): kept with the conversation, and
a person listens or looks and types the order in."""
from __future__ import annotations

from bots.turn import Turn

KEPT = 20


def received(turn: Turn) -> None:
    """Keep the media, give the coordinator a task, and tell the sender a person will handle it."""
    kind = "audio" if any(m.get("type", "").startswith("audio") for m in turn.media) else "image"
    turn.remember(media=[*turn.data.get("media", []), *[m.get("url", "") for m in turn.media]][-KEPT:])
    url = turn.media[0].get("url", "")
    turn.ask_coordinator("media", "coordinator_media", about=url, url=url, details={"media": list(turn.media)},
                         kind=kind)
    turn.reply("media_received", kind=kind)
