"""Two workers that read and then write at the same moment both get their write in, on the
embedded SQLite as on PostgreSQL: a confirmation must not fail with "database is locked"."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import select, update

from dorpslijn.db import session_scope, take_write_lock
from orders.models import Village


def test_a_reader_that_writes_after_another_committed_is_not_refused(settings, demo):
    if not settings.database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL takes row locks; the question is SQLite's")
    other_done = threading.Event()
    errors = []

    def other_worker():
        try:
            with session_scope(settings.database_url) as session:
                _count_an_order(session)
        except Exception as exc:  # the assertion below names it
            errors.append(exc)
        other_done.set()

    with session_scope(settings.database_url) as session:
        take_write_lock(session)  # as a worker answering a message does
        with session.begin_nested():  # and its conversation step
            before = session.scalar(select(Village.next_order_number))
            threading.Thread(target=other_worker).start()
            other_done.wait(timeout=1)
            _count_an_order(session)
    other_done.wait(timeout=10)

    assert errors == []
    with session_scope(settings.database_url) as session:
        assert session.scalar(select(Village.next_order_number)) == before + 2


def _count_an_order(session) -> None:
    session.execute(update(Village).values(next_order_number=Village.next_order_number + 1))
