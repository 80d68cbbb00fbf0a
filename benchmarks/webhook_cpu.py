"""What one SMS webhook costs, without a server, a load generator or a busy machine in the way.

    .venv/bin/python benchmarks/webhook_cpu.py [--requests 3000]
    valgrind --tool=callgrind --callgrind-out-file=/dev/null .venv/bin/python benchmarks/webhook_cpu.py --app dorpslijn --requests N

Signed webhooks, the messages of benchmarks/webhooks.py, are handed one at a time to the WSGI
app in this process, ours and the bare Flask app (benchmarks/bare_app.py), and the CPU time
per request is printed. One at a time, each message is a batch of its own: this is the
dearest case of storing. CPU time still varies with what else the machine runs; callgrind's
instruction counts do not: run it for two values of N and divide the difference by the
difference of N.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from twilio.request_validator import RequestValidator  # noqa: E402
from werkzeug.test import EnvironBuilder  # noqa: E402

from serving import instance_env  # noqa: E402
from webhooks import message  # noqa: E402

BASE_URL = "http://127.0.0.1:5000"
WARM_UP = 200
PREPARED = 5200  # made whatever --requests says, so that making them cancels out under callgrind


def environs(token: str, count: int) -> list[dict]:
    """WSGI environments of signed webhooks, each a new message from one of many residents."""
    validator, run = RequestValidator(token), uuid.uuid4().hex[:8]
    made = []
    for n in range(count):
        form = message(run, n)
        signature = validator.compute_signature(BASE_URL + "/twilio/messages", form)
        made.append(EnvironBuilder(path="/twilio/messages", method="POST", base_url=BASE_URL, data=urlencode(form),
                                   content_type="application/x-www-form-urlencoded",
                                   headers={"X-Twilio-Signature": signature}).get_environ())
    return made


def cpu_per_request(app, requests: list[dict]) -> float:
    """Milliseconds of this process's CPU per request, after a warm-up."""
    def start_response(status, _headers, _exc_info=None):
        assert status.startswith("200"), status

    def serve(environ):
        for _chunk in app(environ, start_response):
            pass
    for environ in requests[:WARM_UP]:
        serve(environ)
    started = time.process_time()
    for environ in requests[WARM_UP:]:
        serve(environ)
    return (time.process_time() - started) * 1000 / (len(requests) - WARM_UP)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000, help=f"at most {PREPARED - WARM_UP}")
    parser.add_argument("--app", choices=("both", "dorpslijn", "bare"), default="both")
    args = parser.parse_args()
    with instance_env() as env:
        os.environ.update({**env, "PUBLIC_BASE_URL": BASE_URL})
        from benchmarks import bare_app
        from dorpslijn.config import load_settings
        from web import create_app
        token = load_settings().twilio_auth_token
        apps = {"bare": ("bare Flask", bare_app.create_app), "dorpslijn": ("Dorpslijn webhook", create_app)}
        for name, make in (apps.values() if args.app == "both" else [apps[args.app]]):
            cpu = cpu_per_request(make(), environs(token, PREPARED)[:WARM_UP + args.requests])
            print(f"{name:<20} {cpu:.3f} ms of CPU per request")


if __name__ == "__main__":
    main()
