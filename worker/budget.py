"""A time budget for one piece of work: SIGALRM interrupts it when it runs over.

Only in a process's main thread (where RQ's work-horse runs its job); elsewhere the work just
runs. RQ's own job timeout shares the same timer, so what was left of it is set again after.

The interrupt never lands inside the database's or Redis's client, nor while a `with` block is
entered or left: raised in the middle of a driver's bookkeeping it could leave a connection half
in a transaction (on SQLite, with the write lock that every other worker waits for). When the
time is up in there, it is raised in the code that called in, as soon as the call returns. It
is raised again every few milliseconds until the block is left, since one that lands in a
callback (a weak reference's, a finaliser) is swallowed there. A block that still comes to its
end after its time was up (the interrupt could not land in time) raises OverBudget as it ends.
"""
from __future__ import annotations

import signal
import sys
import threading
import time
from contextlib import contextmanager

UNSAFE = ("sqlalchemy", "sqlite3", "psycopg", "redis", "contextlib", __name__)  # not to be interrupted
AGAIN_SECONDS = 0.005


class OverBudget(BaseException):
    """The work ran over its budget. A BaseException, so that no `except Exception` swallows it."""


@contextmanager
def budget(seconds: float):
    """Run the block with at most `seconds`; OverBudget is raised in it when they are up."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    left_block = expired = False
    message = f"over its budget of {seconds} s"

    def when_back(frame, event, arg):
        """Trace `frame` (the caller of the unsafe code): raise as soon as it runs again."""
        if left_block or event == "call":
            return None
        sys.settrace(tracer)
        raise OverBudget(message)

    def over(signum, frame):
        nonlocal expired
        if left_block:
            return
        expired = True
        signal.setitimer(signal.ITIMER_REAL, AGAIN_SECONDS)
        caller = _caller_of_unsafe_code(frame)
        if caller is None:
            raise OverBudget(message)
        caller.f_trace, caller.f_trace_lines = when_back, True
        sys.settrace(_no_new_frames)  # a frame's own tracer runs only while the thread traces

    started = time.monotonic()
    tracer = sys.gettrace()
    previous = signal.signal(signal.SIGALRM, over)
    left, interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
        if expired:
            raise OverBudget(message)
    finally:
        left_block = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        sys.settrace(tracer)
        if left:
            signal.setitimer(signal.ITIMER_REAL, max(left - (time.monotonic() - started), 0.001), interval)


def _caller_of_unsafe_code(frame):
    """The frame that called the outermost code of `UNSAFE` on the interrupted stack, or None
    when none is on it."""
    caller = None
    while frame is not None:
        if _unsafe(frame):
            caller = frame.f_back
        frame = frame.f_back
    return caller


def _unsafe(frame) -> bool:
    module = frame.f_globals.get("__name__", "")
    return any(module == name or module.startswith(name + ".") for name in UNSAFE)


def _no_new_frames(frame, event, arg):
    """The thread's tracer while one frame's is needed: it traces no other frame."""
    return None
