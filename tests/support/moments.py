"""Moments the tests set the clock to, in a module that imports nothing of ours: the suite's
first process reads DAYTIME before any worker or web code is loaded."""
from __future__ import annotations

from datetime import datetime, timezone

# Monday 23 November 2026, 10:00 in Zwartsluis: Tuesday's cut-off is tonight at 18:00.
DAYTIME = "2026-11-23T10:00:00+01:00"


def at(*args):
    return datetime(*args, tzinfo=timezone.utc)
