"""`dorpslijn run` (what `make run` starts): web, worker and scheduler share one village.

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

import pytest

from benchmarks.serving import free_port
from conftest import BAKER, TRUUS, VILLAGE_PHONE


@pytest.fixture
def running(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(DORPSLIJN_INSTANCE=str(tmp_path / "instance"), PORT=str(port),
               PUBLIC_BASE_URL=f"http://127.0.0.1:{port}", DORPSLIJN_TRANSPORT="console")
    subprocess.run([sys.executable, "-m", "dorpslijn", "setup"], env=env, check=True, capture_output=True)
    process = subprocess.Popen([sys.executable, "-m", "dorpslijn", "run"], env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: urllib.request.urlopen(base + "/healthz", timeout=2).status == 200)
        yield base, env
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


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
    out = subprocess.run([sys.executable, "-m", "dorpslijn", "outbox", "--json"], env=env,
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
