"""Redis killed and started again empty: queues, announcements and locks are gone, the
messages are not. What was stored and not yet answered is queued again by the sweep, and
nothing is sent twice."""
from __future__ import annotations

import time
from collections import Counter

from dorpslijn.db import session_scope
from messaging.reports import outbox_rows
from tests.support.running import SWEEP_SECONDS, residents, status_of, wait_for

RESIDENTS = 20


def test_redis_restarted_empty_loses_no_message_and_sends_none_twice(settings, processes, texter, redis_server,
                                                                        tmp_path):
    phones = residents(settings, tmp_path, RESIDENTS)
    web = processes.web()
    worker = processes.worker()
    processes.scheduler()
    for phone in phones[:RESIDENTS // 2]:
        assert texter.text(phone, "4 krentenbollen") == 200
    wait_for(lambda: answered(settings, phones[:RESIDENTS // 2], 1), seconds=30)

    worker.terminate()
    worker.wait(timeout=20)
    for phone in phones[RESIDENTS // 2:]:  # stored and queued; Redis forgets them
        assert texter.text(phone, "4 krentenbollen") == 200
    redis_server.kill()
    assert status_of(processes.base_url + "/healthz") == 503
    for phone in phones[:RESIDENTS // 2]:  # stored while Redis is away; not queued at all
        assert texter.text(phone, "JA") == 200
    redis_server.start()
    started = time.monotonic()
    processes.worker()
    processes.worker()
    wait_for(lambda: answered(settings, phones[RESIDENTS // 2:], 1) and answered(settings, phones[:RESIDENTS // 2], 2),
             seconds=60)
    recovered_in = time.monotonic() - started
    time.sleep(3 * SWEEP_SECONDS)

    with session_scope(settings.database_url) as session:
        rows = list(outbox_rows(session))
    per_resident = Counter(row["to"] for row in rows if row["to"] in phones)
    assert per_resident == {phone: 2 if n < RESIDENTS // 2 else 1 for n, phone in enumerate(phones)}
    assert {row["status"] for row in rows} == {"sent"}
    assert status_of(processes.base_url + "/healthz") == 200 and web.poll() is None
    print(f"\nevery message answered {recovered_in:.1f} s after Redis came back empty")


def answered(settings, phones, replies: int) -> bool:
    with session_scope(settings.database_url) as session:
        sent = Counter(row["to"] for row in outbox_rows(session) if row["status"] == "sent")
    return all(sent[phone] >= replies for phone in phones)
