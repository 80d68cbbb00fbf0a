"""How gunicorn serves the web app: the Procfile's `web`, `dorpslijn run` and the benchmarks
all start it with `--config python:web.gunicorn_settings`.

Two processes of gevent workers: a webhook mostly waits for the database and Redis, and a
greenlet waits without the thread switches that had cost more than the webhook's own work
(README, "Measured").
"""
import gc
import signal

worker_class = "gevent"
workers = 2


def post_fork(server, worker):
    """A worker still booting dies of a SIGTERM. It runs the master's signal handlers until it
    sets its own, and those only queue the signal in the master's copy that the worker never
    reads: `dorpslijn run` stopped right after it started waited gunicorn's 30 s graceful timeout
    for a worker that had lost its SIGTERM. A booting worker holds no request to finish."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def post_worker_init(worker):
    """The app is loaded: leave its objects (modules, classes, routes; about 186,000, made once
    and kept for the process's life) out of the garbage collector's full passes. Each pass
    walked them all, 100 to 150 ms in which the worker answered nobody: the webhook's p99 went
    from 17-67 ms to 10-14 (benchmarks/webhooks.py, PostgreSQL)."""
    gc.freeze()


def worker_exit(server, worker):
    """Collected as usual again before the interpreter ends: left frozen, the logging handlers'
    weak references fired after gevent's modules were torn down, and printed errors."""
    gc.unfreeze()
