"""A process that died between its commit and its enqueue: a webhook that stored a message
and never announced it, a worker that stored its replies and never queued them. The
scheduler's sweep queues both, and every reply goes out once."""
from __future__ import annotations

import time
from collections import Counter

import redis
import rq

from dorpslijn.db import autocommit_engine_for, session_scope
from dorpslijn.redis_server import connect
from messaging.inbox import store_and_queue
from messaging.reports import outbox_rows
from orders.villages import village_id_on
from tests.support.people import SUSAN, TRUUS, VILLAGE_PHONE
from tests.support.running import SWEEP_SECONDS, wait_for
from worker.jobs import _handle_oldest  # one message handled and committed, as a job does it

NOWHERE = redis.Redis(host="127.0.0.1", port=1)  # the enqueue that never happened


def stored_not_announced(settings, sender: str, body: str) -> int:
    """What a webhook killed right after its INSERT leaves: a message stored, never queued."""
    village_id = village_id_on(autocommit_engine_for(settings.database_url), VILLAGE_PHONE)
    return store_and_queue(settings.database_url, NOWHERE, village_id=village_id, channel="sms",
                           provider_id=f"SM{sender[1:]}{body[:3]}", sender=sender, recipient=VILLAGE_PHONE,
                           body=body, media=[], extra={})


def test_the_sweep_queues_what_a_crash_between_commit_and_enqueue_left(settings, processes, monkeypatch):
    stored_not_announced(settings, TRUUS, "4 krentenbollen")
    handled = stored_not_announced(settings, SUSAN, "4 krentenbollen")
    with monkeypatch.context() as redis_gone:  # Redis refuses the jobs of the replies just committed
        redis_gone.setattr(rq.Queue, "enqueue_many", refused)
        assert _handle_oldest(settings, connect(settings), handled)

    started = time.monotonic()
    processes.worker()
    processes.scheduler()
    wait_for(lambda: sent_to(settings) == {TRUUS: 1, SUSAN: 1}, seconds=30)
    recovered_in = time.monotonic() - started
    time.sleep(3 * SWEEP_SECONDS)
    assert sent_to(settings) == {TRUUS: 1, SUSAN: 1}
    print(f"\nboth answered {recovered_in:.1f} s after a worker and the scheduler started")


def refused(*args, **kwargs):
    raise redis.ConnectionError("Redis went away")


def sent_to(settings) -> Counter:
    with session_scope(settings.database_url) as session:
        return Counter(row["to"] for row in outbox_rows(session) if row["status"] == "sent")
