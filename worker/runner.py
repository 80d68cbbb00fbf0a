"""A worker process: RQ's worker on every queue, with RQ's scheduler for delayed retries."""
from __future__ import annotations

from rq import SimpleWorker

from dorpslijn.redis_server import connect
from worker import schedule
from worker.queues import ALL, queue


def work(settings, burst: bool = False) -> None:
    """Work the queues; with `burst`, first what is due, and return once the queues are empty.

    Jobs run in the worker's own process (RQ's SimpleWorker): they are short database
    transactions, and a fork per job would only add its cost.
    """
    redis = connect(settings)
    if burst:
        schedule.tick(settings, redis)
    worker = SimpleWorker([queue(redis, name) for name in ALL], connection=redis)
    worker.work(burst=burst, with_scheduler=True, logging_level="INFO")
