"""An idle system stays quiet and quick: no ERROR and no traceback in a healthy idle log, and
the first message after a quiet spell is answered as fast as one in a busy minute."""
from __future__ import annotations

import statistics
import time

from dorpslijn.db import session_scope
from messaging.reports import outbox_rows
from tests.support.running import RELAY_WAIT_SECONDS, residents, wait_for

QUIET_SECONDS = 2 * RELAY_WAIT_SECONDS + 1  # the relay's wait runs out twice


def test_an_idle_system_logs_no_error_and_answers_the_first_message_at_once(settings, processes, texter, tmp_path):
    phones = residents(settings, tmp_path, 7)
    processes.web()
    processes.listening(processes.worker(), processes.worker())
    processes.scheduler()
    after_quiet = []
    time.sleep(QUIET_SECONDS)  # a worker idle since it started
    after_quiet.append(answered_in(settings, texter, phones[0]))
    busy = [answered_in(settings, texter, phone) for phone in phones[1:6]]
    for phone in phones[6:]:
        time.sleep(QUIET_SECONDS)
        after_quiet.append(answered_in(settings, texter, phone))

    for process in processes.running:
        log = processes.logged(process)
        assert " ERROR " not in log and "Traceback" not in log, process.log_path.name
    assert max(after_quiet) < max(statistics.median(busy) + 0.5, 1.0), (busy, after_quiet)


def answered_in(settings, texter, phone) -> float:
    """Seconds from texting to the reply being sent."""
    started = time.monotonic()
    assert texter.text(phone, "4 krentenbollen") == 200
    wait_for(lambda: any(row["to"] == phone and row["status"] == "sent" for row in sent(settings)),
             seconds=30, every=0.01)
    return time.monotonic() - started


def sent(settings):
    with session_scope(settings.database_url) as session:
        return list(outbox_rows(session))
