"""A Redis lock that lives only as long as its holder: it expires in seconds, and a thread of
the holder renews it while the holder runs. A process killed in the middle leaves a lock that
is gone a few seconds later, instead of one that holds everybody up for minutes."""
from __future__ import annotations

import logging
import threading
from contextlib import contextmanager

from redis.exceptions import LockError, RedisError

logger = logging.getLogger(__name__)


@contextmanager
def held_while_alive(redis, name: str, seconds: float):
    """Take the lock without waiting; yield whether it was taken. While taken, it is renewed
    every third of `seconds` and released at the end of the block."""
    lock = redis.lock(name, timeout=seconds, thread_local=False)
    if not lock.acquire(blocking=False):
        yield False
        return
    done = threading.Event()
    renewer = threading.Thread(target=_renew, args=(lock, done, seconds), name=f"renew {name}", daemon=True)
    renewer.start()
    try:
        yield True
    finally:
        done.set()
        renewer.join()
        try:
            lock.release()
        except LockError:
            logger.warning("lock %s had expired before its holder let go", name)


def _renew(lock, done: threading.Event, seconds: float) -> None:
    while not done.wait(seconds / 3):
        try:
            lock.reacquire()
        except (LockError, RedisError) as exc:
            logger.warning("could not renew lock %s: %s", lock.name, exc)
            return
