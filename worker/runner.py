"""A worker process: RQ's worker on every queue, with RQ's scheduler for delayed retries, and
a relay that turns the inbound messages webhooks announce into jobs (worker/jobs.py)."""
from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys
import threading
import time

from redis.exceptions import RedisError
from rq import SimpleWorker
from sqlalchemy.exc import SQLAlchemyError

from dorpslijn.db import session_scope
from dorpslijn.redis_server import SOCKET_TIMEOUT, connect
from orders import catalogue_cache
from worker import schedule
from worker.jobs import announced, relay_arrived
from worker.queues import ALL, queue

logger = logging.getLogger(__name__)

LONGEST_RELAY_WAIT = SOCKET_TIMEOUT / 3  # Redis answers a wait this long well within the socket's timeout
RELAY_RETRY_SECONDS = 1


def work(settings, burst: bool = False) -> None:
    """Work the queues; with `burst`, first what is due, and return once the queues are empty.
    A worker that keeps running first reads the catalogues, so that the first resident after a
    start is answered as fast as the rest."""
    redis = connect(settings)
    if burst:
        schedule.tick(settings, redis)
    else:
        _warm_up(settings)
    run_jobs(redis, burst, relay_wait=min(settings.relay_wait_seconds, LONGEST_RELAY_WAIT))


def _warm_up(settings) -> None:
    """Every village's catalogue and its index, built before the first job."""
    try:
        with session_scope(settings.database_url) as session:
            catalogue_cache.warm_catalogues(session, settings.now())
    except SQLAlchemyError as exc:  # the database is away: the first message reads them instead
        logger.warning("could not read the catalogues at start (%s)", exc)


def run_jobs(redis, burst: bool = False, relay_wait: float = LONGEST_RELAY_WAIT) -> None:
    """Relay what webhooks announce and run the queued jobs; with `burst`, until none is left.

    Jobs run in the worker's own process (RQ's SimpleWorker): they are short database
    transactions, and a fork per job would only add its cost.
    """
    if burst:
        _run_until_empty(redis)
        return
    os.register_at_fork(after_in_child=_stop_when_parent_dies)
    threading.Thread(target=_relay_forever, args=(redis, relay_wait), name="relay", daemon=True).start()
    _worker(redis).work(with_scheduler=True, logging_level="INFO")


def _run_until_empty(redis) -> None:
    """Relay and run jobs until nothing is announced or queued, messages that came in while
    the jobs ran included."""
    while True:
        while relay_arrived(redis):
            pass
        _worker(redis).work(burst=True, with_scheduler=True, logging_level="INFO")
        if not announced(redis):
            return


def _stop_when_parent_dies() -> None:
    """In RQ's scheduler process, forked by the worker: a SIGTERM when the worker dies, however
    it died (SIGKILL too), so that no scheduler is left running on its own. Linux only."""
    if sys.platform.startswith("linux"):
        PR_SET_PDEATHSIG = 1
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def _worker(redis) -> SimpleWorker:
    return SimpleWorker([queue(redis, name) for name in ALL], connection=redis)


def _relay_forever(redis, wait_seconds: float) -> None:
    """Relay announced messages as they come; what a crash drops, the scheduler's sweep finds.

    The wait returns the moment a message is announced, and after `wait_seconds` when none
    is. With Redis out of reach it says so once, tries again every second, and says when it
    relays again."""
    failing = False
    while True:
        try:
            relay_arrived(redis, wait_seconds=wait_seconds)
        except RedisError as exc:
            if not failing:
                logger.error("could not relay inbound messages (%s); trying again every second", exc)
            failing = True
            time.sleep(RELAY_RETRY_SECONDS)
            continue
        except Exception:  # a bug: the relay must outlive it, and say so
            logger.exception("could not relay inbound messages; trying again")
            time.sleep(RELAY_RETRY_SECONDS)
            continue
        if failing:
            logger.info("relaying inbound messages again")
            failing = False
