"""Conversation fixtures: the clock the worker and scheduler read."""
from __future__ import annotations

import pytest

from tests.support.clock import Clock


@pytest.fixture
def clock(monkeypatch, settings):
    """The clock, at Monday morning (DAYTIME) until a test sets it."""
    return Clock(monkeypatch, settings)
