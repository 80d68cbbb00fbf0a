"""`dorpslijn run` (what `make run` starts): web, worker and scheduler share one village; and
the Procfile's web line serves the app as a host that reads the Procfile would start it.

Runs the real processes on a free port with the embedded default (SQLite and the project's
own Redis), and texts an order the way the simulator page does.
"""
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from benchmarks.serving import free_port
from dorpslijn.redis_server import stop_embedded
from tests.support.people import BAKER, TRUUS, VILLAGE_PHONE

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def installation(tmp_path):
    """The environment of a new installation on the embedded default, on a free port, set up;
    its embedded Redis, which outlives a web process started on its own, stopped at the end."""
    instance = tmp_path / "instance"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DORPSLIJN_INSTANCE=str(instance), PORT=str(port), PUBLIC_BASE_URL=f"http://127.0.0.1:{port}",
               DORPSLIJN_TRANSPORT="console", PATH=f"{Path(sys.executable).parent}:{os.environ['PATH']}")
    subprocess.run([sys.executable, "-m", "cli", "setup"], env=env, check=True, capture_output=True)
    yield env
    stop_embedded(instance)


@contextmanager
def serving(command: list[str], env: dict):
    """The command running until the block ends; its address once /healthz answers."""
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = env["PUBLIC_BASE_URL"]

    def up() -> bool:
        if process.poll() is not None:
            raise AssertionError(f"{command} ended with exit code {process.returncode}")
        return urllib.request.urlopen(base + "/healthz", timeout=2).status == 200
    try:
        wait_for(up)
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


@pytest.fixture
def running(installation):
    with serving([sys.executable, "-m", "cli", "run"], installation) as base:
        yield base, installation


def wait_for(check, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError("gave up waiting")


def post(url, data, headers=None, form=False):
    body = urllib.parse.urlencode(data).encode() if form else json.dumps(data).encode()
    kind = "application/x-www-form-urlencoded" if form else "application/json"
    request = urllib.request.Request(url, body, {"Content-Type": kind, **(headers or {})})
    return urllib.request.urlopen(request, timeout=10)


def text_as_the_simulator_does(base, sender, body):
    signed = json.load(post(base + "/simulator/sign", {"from": sender, "to": VILLAGE_PHONE, "body": body}))
    post(base + "/twilio/messages", signed["form"], {"X-Twilio-Signature": signed["signature"]}, form=True)


def outbox_to(env, phone):
    out = subprocess.run([sys.executable, "-m", "cli", "outbox", "--json"], env=env,
                         capture_output=True, text=True, check=True).stdout
    return [row for row in map(json.loads, out.splitlines()) if row["to"] == phone]


def test_an_order_texted_in_the_simulator_reaches_the_shop(running):
    base, env = running
    assert "Truus Lamberts" in urllib.request.urlopen(base + "/").read().decode()
    text_as_the_simulator_does(base, TRUUS, "4 krentenbollen")
    wait_for(lambda: outbox_to(env, TRUUS))
    text_as_the_simulator_does(base, TRUUS, "JA")
    wait_for(lambda: outbox_to(env, BAKER))
    assert "Krentenbol" in outbox_to(env, BAKER)[0]["body"]


def test_the_procfiles_web_line_serves_the_app(installation):
    """What a host that reads the Procfile (honcho, Heroku, Dokku) runs for `web`."""
    [web] = [line.removeprefix("web:") for line in (ROOT / "Procfile").read_text().splitlines()
             if line.startswith("web:")]
    with serving(["sh", "-c", f"exec {web}"], installation) as base:
        assert "Truus Lamberts" in urllib.request.urlopen(base + "/").read().decode()
