"""Signed SMS webhooks at the Procfile's web server, and at a bare Flask app on the same server.

    apt-get install wrk   # the load generator: C, so that it leaves the CPU to the servers
    .venv/bin/python benchmarks/webhooks.py [--seconds 10] [--rounds 3]

20 concurrent senders (wrk connections), many residents, every request a new signed message.
Both servers run side by side and are loaded by turns, each round the same seconds. Reports
requests per second, p50 and p99 for both and their ratio, and checks that every request to
Dorpslijn was stored and queued.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from statistics import mean
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

from messaging.models import InboundMessage  # noqa: E402
from dorpslijn.config import load_settings  # noqa: E402
from dorpslijn.db import session_scope  # noqa: E402
from dorpslijn.redis_server import connect  # noqa: E402
from serving import free_port, gunicorn, instance_env  # noqa: E402
from worker.jobs import announced  # noqa: E402

SENDERS = 20
VILLAGE = "+31852080300"
FASTEST = 15_000  # requests/s; a run prepares this many a second, so that no message is sent twice

LUA = """
local bodies = {%(bodies)s}
local signatures = {%(signatures)s}
local counter = 0
function setup(thread) thread:set("offset", counter); counter = counter + 1 end
function init(args) n = offset end
function request()
  n = n + %(threads)d
  local i = (n %% #bodies) + 1
  return wrk.format("POST", "/twilio/messages", {["Content-Type"] = "application/x-www-form-urlencoded",
                    ["X-Twilio-Signature"] = signatures[i]}, bodies[i])
end
"""


def message(run: str, n: int) -> dict:
    """The form of the n-th message of a run: a new MessageSid, from one of many residents."""
    return {"MessageSid": f"SM{run}{n:08d}", "From": f"+3161{n % 9000:04d}{n % 7:03d}"[:12],
            "To": VILLAGE, "Body": "2 krentenbollen en een pond gehakt", "NumMedia": "0"}


def script(base_url: str, token: str, run: str, threads: int, count: int) -> str:
    """A wrk script that posts a different signed message from a different resident each time."""
    validator = RequestValidator(token)
    bodies, signatures = [], []
    for n in range(count):
        form = message(run, n)
        bodies.append('"%s"' % urlencode(form))
        signatures.append('"%s"' % validator.compute_signature(base_url + "/twilio/messages", form))
    return LUA % {"bodies": ",".join(bodies), "signatures": ",".join(signatures), "threads": threads}


def wrk(base_url: str, token: str, seconds: int, run: str) -> dict:
    """Run wrk with 20 connections for `seconds`; requests/s, p50 and p99 in ms."""
    threads = 2
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script(base_url, token, run, threads, FASTEST * seconds))
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{SENDERS}", f"-d{seconds}s", "--latency", "-s", f.name,
                          base_url], capture_output=True, text=True, check=True).stdout
    os.unlink(f.name)
    return {"rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
            "requests": int(re.search(r"(\d+) requests in", out).group(1)),
            "errors": int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0,
            "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
            "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1))}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def line(name: str, r: dict) -> str:
    return (f"{name:<20} {r['rps']:8.0f} req/s   p50 {r['p50']:6.1f} ms   p99 {r['p99']:6.1f} ms   "
            f"non-2xx {r['errors']}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10, help="of each round, for each server")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("This benchmark needs wrk: apt-get install wrk")
    run = uuid.uuid4().hex[:8]
    with instance_env() as env:
        os.environ.update(env)
        settings = load_settings()
        token = settings.twilio_auth_token
        bare_app = gunicorn("benchmarks.bare_app:create_app()", env, free_port(), ready_path="/twilio/messages")
        with bare_app as bare_url, gunicorn("web:create_app()", env, free_port()) as our_url:
            bare, ours = by_turns({"bare": bare_url, "ours": our_url}, token, run, args.seconds, args.rounds).values()
        with session_scope(settings.database_url) as session:
            stored = set(session.scalars(select(InboundMessage.id)
                                         .where(InboundMessage.provider_id.startswith(f"SM{run}ours"))))
        queued = len(stored.intersection(announced(connect(settings))))
    print(f"{SENDERS} concurrent senders, {args.rounds} rounds of {args.seconds} s each by turns, "
          f"database {settings.database_url.split(':')[0]}")
    print(line("bare Flask", bare))
    print(line("Dorpslijn webhook", ours))
    print(f"throughput ratio {ours['rps'] / bare['rps']:.2f}   stored {len(stored)}, queued {queued}, of "
          f"{ours['requests']} requests answered (wrk leaves out those in flight when a round ends)")


def by_turns(servers: dict[str, str], token: str, run: str, seconds: int, rounds: int) -> dict[str, dict]:
    """Each server warmed up, then loaded by turns, so that the machine's drift during the run
    falls on all alike: mean requests/s and p50, and the worst round's p99. The messages of a
    server's rounds carry the run and the server's name."""
    for url in servers.values():
        wrk(url, token, 2, "warm" + uuid.uuid4().hex[:4])
    results = {name: [] for name in servers}
    for n in range(rounds):
        for name, url in servers.items():
            results[name].append(wrk(url, token, seconds, f"{run}{name}{n}"))
            print(line(f"round {n + 1}, {name}", results[name][-1]), flush=True)
    return {name: {"rps": mean(r["rps"] for r in rs), "p50": mean(r["p50"] for r in rs),
                   "p99": max(r["p99"] for r in rs), "requests": sum(r["requests"] for r in rs),
                   "errors": sum(r["errors"] for r in rs)} for name, rs in results.items()}


if __name__ == "__main__":
    main()
