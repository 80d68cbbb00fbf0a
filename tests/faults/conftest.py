"""Fault tests: real processes on the test database and a Redis of their own (running.py)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.support.running import LOCK_SECONDS, RELAY_WAIT_SECONDS, SWEEP_SECONDS, Processes, RedisServer, Texter


@pytest.fixture
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    yield server
    if server.process.poll() is None:
        server.kill()


@pytest.fixture
def processes(settings, demo, redis_server, tmp_path, monkeypatch):
    """Start processes on the test database and our own Redis; every one is stopped at the end."""
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    env = {**os.environ, "DORPSLIJN_LOCK_SECONDS": str(LOCK_SECONDS), "DORPSLIJN_SWEEP_SECONDS": str(SWEEP_SECONDS),
           "DORPSLIJN_RELAY_WAIT_SECONDS": str(RELAY_WAIT_SECONDS),
           "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}", "PYTHONUNBUFFERED": "1"}
    running = Processes(env, tmp_path)
    yield running
    running.stop_all()


@pytest.fixture
def texter(settings, processes):
    return Texter(settings, processes)
