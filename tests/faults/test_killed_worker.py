"""Every worker killed with SIGKILL in the middle of a village ordering: every order is there, every
resident answered once per message, in order, and the others not held up by the dead locks."""
from __future__ import annotations

import signal
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from dorpslijn.db import session_scope
from messaging.reports import outbox_rows
from orders.reports import order_rows
from tests.support.people import BAKER
from tests.support.running import SWEEP_SECONDS, residents, wait_for

RESIDENTS = 60
RECOVERY_SECONDS = 60


def test_workers_killed_in_the_middle_lose_nothing_and_answer_everyone_once(settings, processes, texter, tmp_path):
    phones = residents(settings, tmp_path, RESIDENTS)
    processes.web()
    workers = [processes.worker() for _ in range(3)]
    texting = ThreadPoolExecutor(max_workers=1).submit(text_everyone, texter, phones)

    wait_for(lambda: len(replies(settings)) >= RESIDENTS // 3, seconds=60, every=0.02)
    forked = [pid for worker in workers for pid in children(worker.pid)]  # RQ's scheduler
    for worker in workers:
        worker.send_signal(signal.SIGKILL)
    for worker in workers:
        worker.wait()
    done_before = len(replies(settings))
    assert texting.result(timeout=60) == [200] * 2 * RESIDENTS  # the webhooks store on
    wait_for(lambda: not any(Path(f"/proc/{pid}").exists() for pid in forked), seconds=10)
    started = time.monotonic()
    processes.worker()
    processes.scheduler()
    try:
        wait_for(lambda: everyone_answered(settings, phones), seconds=RECOVERY_SECONDS)
    except AssertionError:
        raise AssertionError(f"not everyone answered {RECOVERY_SECONDS} s after a new worker started; outbox: "
                             f"{Counter(row['status'] for row in with_session(settings, outbox_rows))}") from None
    recovered_in = time.monotonic() - started
    time.sleep(3 * SWEEP_SECONDS)  # a second sweep or a stray job would send more

    orders = {order["customer_phone"]: order for order in with_session(settings, order_rows)}
    assert sorted(orders) == sorted(phones)
    assert all(order["status"] == "confirmed" for order in orders.values())
    outbox = with_session(settings, outbox_rows)
    per_resident = Counter(row["to"] for row in outbox if row["to"] in phones)
    assert set(per_resident.values()) == {2}, "a read-back and a confirmation each, none twice"
    assert sum(row["to"] == BAKER for row in outbox) == RESIDENTS
    assert {row["status"] for row in outbox} == {"sent"}
    assert done_before < 0.8 * 3 * RESIDENTS, "the workers were killed after the work, not in the middle"
    print(f"\n{done_before} messages out before the kill; "
          f"the rest {recovered_in:.1f} s after a new worker started")


def text_everyone(texter, phones) -> list[int]:
    """Each resident orders and says JA right behind it: handled out of order, JA confirms nothing."""
    statuses = []
    for phone in phones:
        statuses += [texter.text(phone, "4 krentenbollen"), texter.text(phone, "JA")]
        time.sleep(0.01)
    return statuses


def children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def with_session(settings, read):
    with session_scope(settings.database_url) as session:
        return list(read(session))


def replies(settings) -> list[dict]:
    return [row for row in with_session(settings, outbox_rows) if row["status"] == "sent"]


def everyone_answered(settings, phones) -> bool:
    answered = Counter(row["to"] for row in replies(settings))
    return all(answered[phone] >= 2 for phone in phones) and answered[BAKER] >= len(phones)
