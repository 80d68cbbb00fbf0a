"""Whole phone calls at the Procfile's web server: 20 residents calling at once.

    .venv/bin/python benchmarks/voice.py [--calls 10] [--rounds 1] [--against FOLDER]

Each of 20 threads makes `--calls` calls, one after another, as Twilio would: the call comes
in, 9 (the menu again), 3 (when does my order come), 2, the shopping said, 9 (the read-back
again), 1 (order it), 2 (no weekly call, thank you), and the status callback at the end.
Every next request goes to the action the last TwiML named, after about `--think` seconds in
which the caller listens and answers (a real caller takes 5 to 30 seconds; 0 turns the 20
calls into a flood that measures the server's saturation instead). Callers start at random
moments within the first call's length and take between half and one and a half times
`--think` per answer, so the 20 calls overlap as real ones do; `--together` makes all 20 press
the same key at the same instant. A caller who declined the weekly call is not asked again, so
from the second call on the call ends at "order it". Reports p50, p95, p99 and the slowest
answer per step and over all, and checks that every call placed its order. The goal: p99 under
100 ms. `--against` names another checkout of Dorpslijn (a git worktree of an older commit, with
its own .venv): its server, on an installation of its own, takes turns with this one, each round
the same calls, and the two are reported side by side.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import sys
import threading
import time
import uuid
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode, urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func, insert, select  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

from dorpslijn.db import session_scope  # noqa: E402
from orders.models import Order, Resident, Village  # noqa: E402
from serving import by_turns, servers  # noqa: E402

CALLERS = int(os.environ.get("VOICE_CALLERS", 20))
VILLAGE = "+31852080300"
SHOPPING = "ja eh vier krentenbollen en een pond rundergehakt en een bruin brood heel doe maar"
STEPS = [("menu again", {"Digits": "9"}), ("when", {"Digits": "3"}), ("say it", {"Digits": "2"}),
         ("shopping said", {"SpeechResult": SHOPPING, "Confidence": "0.91"}),
         ("read back again", {"Digits": "9"}), ("order it", {"Digits": "1"}),
         ("no weekly call", {"Digits": "2"})]


def callers(settings) -> list[str]:
    """Twenty residents of the demo village, made for the benchmark."""
    phones = [f"+316200000{i:02d}" for i in range(CALLERS)]
    with session_scope(settings.database_url) as session:
        village = session.scalar(select(Village))
        known = set(session.scalars(select(Resident.phone).where(Resident.phone.in_(phones))))
        new = [{"village_id": village.id, "name": f"Beller {i}", "phone": phone}
               for i, phone in enumerate(phones) if phone not in known]
        if new:  # only these columns: an older checkout (--against) may not have every column of ours
            session.execute(insert(Resident.__table__), new)
    return phones


class Line:
    """One caller's line: signed requests, each on a new connection as Twilio's are, each timed."""

    def __init__(self, base_url: str, token: str, phone: str, timings, think: float, together: bool):
        self.base, self.validator, self.phone, self.timings = base_url, RequestValidator(token), phone, timings
        self.think, self.spread = think, (1, 1) if together else (0.5, 1.5)
        self.address = urlparse(base_url).hostname, urlparse(base_url).port

    def post(self, label: str, path: str, form: dict) -> ET.Element | None:
        signature = self.validator.compute_signature(self.base + path, form)
        started = time.perf_counter()
        connection = http.client.HTTPConnection(*self.address)
        connection.request("POST", path, urlencode(form), {
            "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature})
        response = connection.getresponse()
        body = response.read()
        self.timings[label].append((time.perf_counter() - started) * 1000)
        connection.close()
        if response.status not in (200, 204):
            raise RuntimeError(f"{label}: HTTP {response.status}")
        return ET.fromstring(body) if body else None

    def call(self) -> None:
        form = {"CallSid": "CA" + uuid.uuid4().hex, "From": self.phone, "To": VILLAGE, "CallStatus": "in-progress"}
        twiml = self.post("call comes in", "/twilio/voice", form)
        for label, answer in STEPS:
            if twiml.find("Gather") is None:  # hung up: a declined weekly call is not offered again
                break
            time.sleep(self.think * random.uniform(*self.spread))
            action = twiml.find("Gather").get("action")
            twiml = self.post(label, action[len(self.base):], {**form, **answer})
        assert twiml.find("Hangup") is not None, "the order was placed and the call ended"
        self.post("status callback", "/twilio/voice/status", {**form, "CallStatus": "completed"})


def run(base_url: str, token: str, phones: list[str], calls: int, think: float,
        together: bool = False) -> tuple[dict, float]:
    timings = defaultdict(list)
    errors = []

    def caller(phone):
        line = Line(base_url, token, phone, timings, think, together)
        time.sleep(0 if together else random.uniform(0, think * len(STEPS)))
        try:
            for _ in range(calls):
                line.call()
        except Exception as exc:  # reported below, the benchmark goes on
            errors.append(repr(exc))

    threads = [threading.Thread(target=caller, args=(phone,)) for phone in phones]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        print(f"{len(errors)} callers failed, first: {errors[0]}")
    return timings, time.perf_counter() - started


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def every_answer(timings: dict) -> list[float]:
    return [ms for values in timings.values() for ms in values]


def report(timings: dict, seconds: float) -> None:
    every = every_answer(timings)
    print(f"{'step':<18} {'n':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'max':>8}   (ms)")
    for label, values in [*timings.items(), ("every answer", every)]:
        print(f"{label:<18} {len(values):>6} {percentile(values, 50):8.1f} {percentile(values, 95):8.1f} "
              f"{percentile(values, 99):8.1f} {max(values):8.1f}")
    print(f"{len(every)} requests in {seconds:.1f} s ({len(every) / seconds:.0f} per second); "
          f"p99 {'under' if percentile(every, 99) < 100 else 'OVER'} 100 ms")


def merged(rounds: list[tuple[dict, float]]) -> tuple[dict, float]:
    """The timings and seconds of several rounds as one."""
    timings = defaultdict(list)
    for round_timings, _ in rounds:
        for label, values in round_timings.items():
            timings[label] += values
    return timings, sum(seconds for _, seconds in rounds)


def confirmed(settings, phones: list[str]) -> int:
    """How many orders these residents have placed."""
    with session_scope(settings.database_url) as session:
        return session.scalar(select(func.count()).select_from(Order).where(
            Order.status == "confirmed", Order.resident.has(Resident.phone.in_(phones))))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=10, help="calls per caller, in each round")
    parser.add_argument("--think", type=float, default=2.0, help="seconds a caller takes to answer")
    parser.add_argument("--together", action="store_true", help="all callers press the same key at once")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--against", metavar="FOLDER", help="another checkout (with its own .venv) to call by turns")
    args = parser.parse_args()
    random.seed(6)
    with servers(args.against) as dorpslijn:
        phones = {name: callers(server.settings) for name, server in dorpslijn.items()}
        before = {name: confirmed(server.settings, phones[name]) for name, server in dorpslijn.items()}
        for name, server in dorpslijn.items():
            run(server.url, server.settings.twilio_auth_token, phones[name][:2], 1, 0)  # warm both workers' caches

        def load(name, server, n):
            return run(server.url, server.settings.twilio_auth_token, phones[name], args.calls, args.think,
                       args.together)

        results = by_turns(dorpslijn, load, args.rounds)
        placed = {name: confirmed(server.settings, phones[name]) - before[name] - 2  # less the warm-up's
                  for name, server in dorpslijn.items()}
    print(f"{CALLERS} concurrent calls, {args.rounds} rounds of {args.calls} calls per caller, "
          f"{args.think} s to answer each question{' (all at once)' if args.together else ''}, "
          f"database {dorpslijn['ours'].settings.database_url.split(':')[0]}, gunicorn as in the Procfile")
    timings = {}
    for name, rounds in results.items():
        timings[name], seconds = merged(rounds)
        print(f"\n{dorpslijn[name].label}: orders placed {placed[name]}/{CALLERS * args.calls * args.rounds}")
        report(timings[name], seconds)
    if args.against:
        ours, theirs = every_answer(timings["ours"]), every_answer(timings["against"])
        print(f"\n{dorpslijn['ours'].label} to {dorpslijn['against'].label}, every answer: " + ", ".join(
            f"p{p} {percentile(ours, p) / percentile(theirs, p):.2f}" for p in (50, 95, 99)))


if __name__ == "__main__":
    main()
