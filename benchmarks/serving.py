"""Start Dorpslijn's web server as the Procfile does, on a free port with a temp instance:
this checkout's, or another project folder's (a git worktree of an older commit, with its own
.venv) to compare the two by turns."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest.mock import patch
from urllib.parse import urlparse

from cli.main import GUNICORN
from dorpslijn.config import Settings, load_settings


@dataclass(frozen=True)
class Checkout:
    """A project folder and the Python of its venv, which runs its server and its commands."""
    folder: Path
    python: str

    @classmethod
    def at(cls, folder: str) -> Checkout:
        """The checkout in `folder`, with its own .venv."""
        return cls(Path(folder).resolve(), str(Path(folder).resolve() / ".venv" / "bin" / "python"))

    def commit(self) -> str:
        """The short hash of the commit checked out."""
        return subprocess.run(["git", "-C", str(self.folder), "log", "-1", "--format=%h"],
                              capture_output=True, text=True, check=True).stdout.strip()


HERE = Checkout(Path(__file__).resolve().parent.parent, sys.executable)


@dataclass(frozen=True)
class Server:
    """A web server a benchmark loads: its address, the settings it signs with and what it runs."""
    url: str
    settings: Settings
    label: str


def free_port() -> int:
    """A TCP port nobody listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def servers(against: str | None):
    """This checkout's web server, and with `against` (a project folder) that one's beside it,
    each on an installation of its own: {"ours": Server, "against": Server}."""
    checkouts = {"ours": HERE, **({"against": Checkout.at(against)} if against else {})}
    with ExitStack() as stack:
        started = {}
        for n, (name, checkout) in enumerate(checkouts.items()):
            env = stack.enter_context(instance_env(checkout, n))
            url = stack.enter_context(gunicorn("web:create_app()", env, free_port(), checkout=checkout))
            started[name] = Server(url, settings_of(env), f"Dorpslijn {checkout.commit()}")
        yield started


def settings_of(env: dict) -> Settings:
    """The settings a server started with `env` reads."""
    with patch.dict(os.environ, env):
        return load_settings()


@contextmanager
def instance_env(checkout: Checkout = HERE, n: int = 0):
    """Environment for a throwaway installation with the demo village loaded, set up by the
    checkout's own command.

    With DATABASE_URL set to a PostgreSQL server, a database of its own is made on that
    server for the run and dropped afterwards; with REDIS_URL, the n-th installation of a run
    uses the n-th database after that URL's on the same Redis server.
    """
    folder = Path(tempfile.mkdtemp(prefix="dorpslijn-bench-"))
    env = {**os.environ, "DORPSLIJN_INSTANCE": str(folder), "DORPSLIJN_TRANSPORT": "console"}
    with _own_database(os.environ.get("DATABASE_URL"), n) as url:
        if url:
            env["DATABASE_URL"] = url
        if os.environ.get("REDIS_URL"):
            env["REDIS_URL"] = _redis_database(os.environ["REDIS_URL"], n)
            _forget_redis(env["REDIS_URL"])
        command = str(Path(checkout.python).with_name("dorpslijn"))
        subprocess.run([command, "setup"], env=env, check=True, capture_output=True, cwd=checkout.folder)
        try:
            yield env
        finally:
            subprocess.run([checkout.python, "-c", "from dorpslijn.redis_server import stop_embedded; import sys; "
                            "stop_embedded(__import__('pathlib').Path(sys.argv[1]))", str(folder)],
                           env=env, cwd=checkout.folder)
            shutil.rmtree(folder, ignore_errors=True)


def _redis_database(url: str, n: int) -> str:
    """The n-th database after the one `url` names, on the same server."""
    parts = urlparse(url)
    return parts._replace(path=f"/{int(parts.path.strip('/') or 0) + n}").geturl()


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
def _own_database(url: str | None, n: int):
    """A fresh PostgreSQL database beside the one in `url`, or None for the SQLite default."""
    if not url or not url.startswith("postgres"):
        yield None
        return
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url
    server = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1)).set(database="postgres")
    name = f"dorpslijn_bench_{os.getpid()}_{n}"
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
def gunicorn(app: str, env: dict, port: int, ready_path: str = "/healthz", checkout: Checkout = HERE):
    """Gunicorn with the Procfile's settings serving the checkout's `app` until the block ends."""
    server = subprocess.Popen(
        [checkout.python, "-m", "gunicorn", *[a for a in GUNICORN if a not in ("--access-logfile", "-")],
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning", app],
        env={**env, "PUBLIC_BASE_URL": f"http://127.0.0.1:{port}"}, cwd=checkout.folder)
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


def by_turns(servers: dict, load, rounds: int) -> dict[str, list]:
    """`load(name, server, n)` for each server in round n, the servers taking turns within each
    round, so that the machine's drift during the run falls on all alike: each one's results."""
    results = {name: [] for name in servers}
    for n in range(rounds):
        for name, server in servers.items():
            results[name].append(load(name, server, n))
    return results
