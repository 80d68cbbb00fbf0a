"""A message over its time budget is cut off without leaving the database locked: the next
worker writes at once, however often the interrupt falls in the middle of a query, and the
interrupt is never lost in the database's client."""
import sqlite3
import time

import pytest
from sqlalchemy import select, text

from dorpslijn.db import session_scope, take_write_lock
from messaging.models import InboundMessage
from worker.budget import OverBudget, budget


def _busy_writer(url):
    """A transaction that writes until its budget ends it (or, when the interrupt was lost, for
    a second)."""
    until = time.monotonic() + 1
    with session_scope(url) as session:
        take_write_lock(session)
        while time.monotonic() < until:
            session.execute(text("UPDATE inbound_messages SET body = body WHERE id < 0"))
            session.scalar(select(InboundMessage.id).limit(1))


def test_a_cut_off_transaction_never_keeps_the_write_lock(settings, db):
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("the write lock is SQLite's")
    path = settings.database_url.removeprefix("sqlite:///")
    for _ in range(200):
        with pytest.raises(OverBudget):
            with budget(0.0005):
                _busy_writer(settings.database_url)
        other = sqlite3.connect(path, timeout=0)
        other.execute("BEGIN IMMEDIATE")  # "database is locked" when the cut-off kept it
        other.rollback()
        other.close()


def test_work_that_outlives_its_budget_is_over_it_even_when_the_interrupt_is_swallowed():
    with pytest.raises(OverBudget):
        with budget(0.001):
            try:
                time.sleep(0.01)
            except OverBudget:  # as a callback inside a library would, unseen
                pass
