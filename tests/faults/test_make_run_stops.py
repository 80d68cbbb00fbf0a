"""`make run` stopped with Ctrl-C (SIGINT to its process group, as a terminal sends it) stops
everything it started: web, worker, the worker's scheduler, the scheduler, and the embedded
Redis, which runs as a daemon outside that group; and so does `dorpslijn run` stopped by a host
with SIGTERM to it alone."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.serving import free_port
from tests.support.running import ROOT, status_of, wait_for

STOPS = {"make run, Ctrl-C": (["make", "run"], lambda process: os.killpg(process.pid, signal.SIGINT)),
         "dorpslijn run, SIGTERM": ([sys.executable, "-m", "cli", "run"], lambda process: process.terminate())}


@pytest.fixture(params=STOPS)
def make_run(request, tmp_path):
    instance = tmp_path / "instance"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL", "DORPSLIJN_CLOCK")}
    env.update(DORPSLIJN_INSTANCE=str(instance), PORT=str(port), PUBLIC_BASE_URL=f"http://127.0.0.1:{port}")
    log = open(tmp_path / "make-run.log", "w")
    command, stop = STOPS[request.param]
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    process.instance, process.base_url = instance, f"http://127.0.0.1:{port}"
    process.stop, process.log_path = stop, tmp_path / "make-run.log"
    yield process
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)


def test_stopping_the_run_stops_everything_it_started(make_run):
    wait_for(lambda: status_of(make_run.base_url + "/healthz") == 200, seconds=180, every=0.5)
    redis_pid = int((make_run.instance / "redis.pid").read_text())
    started = descendants(make_run.pid) | {redis_pid}
    assert len(started) >= 6  # run, gunicorn and its workers, worker and its scheduler, scheduler, redis

    make_run.stop(make_run)
    make_run.wait(timeout=60)
    wait_for(lambda: not any(alive(pid) for pid in started), seconds=20)
    assert "Traceback" not in make_run.log_path.read_text()


def descendants(pid: int) -> set[int]:
    found = {pid}
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        found |= descendants(int(child))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False
