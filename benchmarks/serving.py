"""Start Dorpslijn's web server as the Procfile does, on a free port with a temp instance."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from cli.main import GUNICORN


def free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def instance_env():
    """Environment for a throwaway installation with the demo village loaded.

    With DATABASE_URL set to a PostgreSQL server, a database of its own is made on that
    server for the run and dropped afterwards.
    """
    folder = Path(tempfile.mkdtemp(prefix="dorpslijn-bench-"))
    env = {**os.environ, "DORPSLIJN_INSTANCE": str(folder), "DORPSLIJN_TRANSPORT": "console"}
    with _own_database(os.environ.get("DATABASE_URL")) as url:
        if url:
            env["DATABASE_URL"] = url
        _forget_redis(os.environ.get("REDIS_URL"))
        subprocess.run([sys.executable, "-m", "cli", "setup"], env=env, check=True, capture_output=True)
        try:
            yield env
        finally:
            subprocess.run([sys.executable, "-c", "from dorpslijn.redis_server import stop_embedded; import sys; "
                            "stop_embedded(__import__('pathlib').Path(sys.argv[1]))", str(folder)], env=env)
            shutil.rmtree(folder, ignore_errors=True)


def _forget_redis(url: str | None) -> None:
    """Empty what Dorpslijn keeps on a Redis server: it belonged to an earlier run's database
    (the same residents ordering with the same words in run after run were held back as a loop)."""
    if url:
        import redis
        server = redis.Redis.from_url(url)
        for pattern in ("dorpslijn:*", "rq:*"):
            for key in server.scan_iter(pattern, count=1000):
                server.delete(key)


@contextmanager
def _own_database(url: str | None):
    """A fresh PostgreSQL database beside the one in `url`, or None for the SQLite default."""
    if not url or not url.startswith("postgres"):
        yield None
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    server = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1)).set(database="postgres")
    name = f"dorpslijn_bench_{os.getpid()}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        admin.dispose()
        with create_engine(server, isolation_level="AUTOCOMMIT").connect() as connection:
            connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextmanager
def gunicorn(app: str, env: dict, port: int, ready_path: str = "/healthz"):
    """Gunicorn with the Procfile's settings serving `app` until the block ends."""
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", *[a for a in GUNICORN if a not in ("--access-logfile", "-")],
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app],
        env={**env, "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}, cwd=Path(__file__).resolve().parent.parent)
    try:
        _wait_until_up(port, ready_path)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_until_up(port: int, path: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=1)
            return
        except Exception as exc:  # not up yet, or 405 on a POST-only route: both mean "answering"
            if getattr(exc, "code", None):
                return
            time.sleep(0.1)
    raise RuntimeError(f"server on port {port} did not come up")
