"""The database goes away while Twilio delivers messages: the webhook answers 5xx, so that
Twilio delivers the message again, never a 200 for a message it did not store; `/healthz`
answers 503; back, the message Twilio delivers again is answered once."""
from __future__ import annotations

from collections import Counter

import pytest
from sqlalchemy.engine import make_url

from dorpslijn.db import session_scope
from messaging.reports import outbox_rows
from tests.support.people import TRUUS
from tests.support.running import CuttableLink, status_of, wait_for


@pytest.fixture
def database_link(settings):
    """The test's PostgreSQL behind a link the test can cut; SQLite has no server to lose."""
    url = make_url(settings.database_url)
    if url.get_backend_name() != "postgresql":
        pytest.skip("only a database server can go away")
    link = CuttableLink(url.port or 5432)
    link.url = url.set(host="127.0.0.1", port=link.port).render_as_string(hide_password=False)
    yield link
    link.cut()


def test_a_webhook_without_its_database_answers_5xx_and_twilios_retry_is_answered_once(
        settings, processes, texter, database_link):
    processes.web(DATABASE_URL=database_link.url)
    processes.worker()
    processes.scheduler()
    assert texter.text(TRUUS, "4 krentenbollen", sid="SMbeforethecut") == 200
    wait_for(lambda: replies_to(settings, TRUUS) == 1, seconds=30)

    database_link.cut()
    statuses = [texter.text(TRUUS, "JA", sid="SMduringthecut") for _ in range(3)]  # Twilio's retries
    assert all(500 <= status < 600 for status in statuses), statuses
    assert status_of(processes.base_url + "/healthz") == 503

    database_link.restore()
    wait_for(lambda: texter.text(TRUUS, "JA", sid="SMduringthecut") == 200, seconds=30, every=1)
    assert texter.text(TRUUS, "JA", sid="SMduringthecut") == 200  # delivered once more: handled once
    wait_for(lambda: replies_to(settings, TRUUS) == 2, seconds=30)
    wait_for(lambda: status_of(processes.base_url + "/healthz") == 200, seconds=30)
    assert replies_to(settings, TRUUS) == 2


def replies_to(settings, phone) -> int:
    with session_scope(settings.database_url) as session:
        return Counter(row["to"] for row in outbox_rows(session) if row["status"] == "sent")[phone]
