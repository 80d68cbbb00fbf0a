"""A time budget for one piece of work: SIGALRM interrupts it when it runs over.

Only in a process's main thread (where RQ's work-horse runs its job); elsewhere the work just
runs. RQ's own job timeout shares the same timer, so what was left of it is set again after.
"""
from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager


class OverBudget(BaseException):
    """The work ran over its budget. A BaseException, so that no `except Exception` swallows it."""


@contextmanager
def budget(seconds: float):
    """Run the block with at most `seconds`; OverBudget is raised in it when they are up."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def over(signum, frame):
        raise OverBudget(f"over its budget of {seconds} s")

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, over)
    left, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if left:
            signal.setitimer(signal.ITIMER_REAL, max(left - (time.monotonic() - started), 0.001), interval)
