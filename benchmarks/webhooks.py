"""Signed SMS webhooks at the Procfile's web server, and at a bare Flask app on the same server.

    apt-get install wrk   # the load generator: C, so that it leaves the CPU to the servers
    .venv/bin/python benchmarks/webhooks.py [--seconds 10] [--rounds 3] [--against FOLDER]

20 concurrent senders (wrk connections), many residents, every request a new signed message.
Both servers run side by side and are loaded by turns, each round the same seconds. Reports
requests per second, p50 and p99 for both and their ratio, and checks that every request to
Dorpslijn was stored and queued. `--against` names another checkout of Dorpslijn (a git
worktree of an older commit, with its own .venv): its server, on an installation of its own,
joins the turns, and the two Dorpslijns' ratios are reported too.
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
from dorpslijn.db import session_scope  # noqa: E402
from dorpslijn.redis_server import connect  # noqa: E402
from serving import Server, by_turns, free_port, gunicorn, servers  # noqa: E402
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
    parser.add_argument("--against", metavar="FOLDER", help="another checkout (with its own .venv) to load by turns")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("This benchmark needs wrk: apt-get install wrk")
    run = uuid.uuid4().hex[:8]
    with servers(args.against) as dorpslijn, gunicorn("benchmarks.bare_app:create_app()", dict(os.environ),
                                                      free_port(), ready_path="/twilio/messages") as bare_url:
        loaded = {"bare": Server(bare_url, dorpslijn["ours"].settings, "bare Flask"), **dorpslijn}
        results = load_by_turns(loaded, run, args.seconds, args.rounds)
        kept = {name: stored_and_queued(server.settings, f"SM{run}{name}") for name, server in dorpslijn.items()}
    print(f"{SENDERS} concurrent senders, {args.rounds} rounds of {args.seconds} s each by turns, "
          f"database {loaded['ours'].settings.database_url.split(':')[0]}")
    for name, server in loaded.items():
        print(line(server.label, results[name]))
    for name, (stored, queued) in kept.items():
        print(f"{loaded[name].label}: throughput ratio to bare {results[name]['rps'] / results['bare']['rps']:.2f}   "
              f"stored {stored}, queued {queued}, of {results[name]['requests']} requests answered "
              f"(wrk leaves out those in flight when a round ends)")
    if args.against:
        print(f"{loaded['ours'].label} to {loaded['against'].label}: throughput "
              f"{results['ours']['rps'] / results['against']['rps']:.2f}, "
              f"p50 {results['ours']['p50'] / results['against']['p50']:.2f}, "
              f"p99 {results['ours']['p99'] / results['against']['p99']:.2f}")


def load_by_turns(servers: dict[str, Server], run: str, seconds: int, rounds: int) -> dict[str, dict]:
    """Each server warmed up, then loaded by turns: mean requests/s and p50, and the worst
    round's p99. The messages of a server's rounds carry the run and the server's name."""
    for server in servers.values():
        wrk(server.url, server.settings.twilio_auth_token, 2, "warm" + uuid.uuid4().hex[:4])

    def load(name, server, n):
        result = wrk(server.url, server.settings.twilio_auth_token, seconds, f"{run}{name}{n}")
        print(line(f"round {n + 1}, {name}", result), flush=True)
        return result

    return {name: {"rps": mean(r["rps"] for r in rs), "p50": mean(r["p50"] for r in rs),
                   "p99": max(r["p99"] for r in rs), "requests": sum(r["requests"] for r in rs),
                   "errors": sum(r["errors"] for r in rs)}
            for name, rs in by_turns(servers, load, rounds).items()}


def stored_and_queued(settings, prefix: str) -> tuple[int, int]:
    """How many messages whose id starts with `prefix` are stored, and how many of those queued."""
    with session_scope(settings.database_url) as session:
        stored = set(session.scalars(select(InboundMessage.id).where(InboundMessage.provider_id.startswith(prefix))))
    return len(stored), len(stored.intersection(announced(connect(settings))))


if __name__ == "__main__":
    main()
