"""The hour before a cut-off: many residents ordering at once against the Procfile's processes.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/9 \
        .venv/bin/python benchmarks/cutoff.py [--residents 1000] [--workers 2] [--web 1] [--rate 0]

A village of `--residents` registered residents (the demo village and as many made-up
neighbours) each send the six messages of a morning's order: the shopping, `JA`, something
forgotten, `JA` again, a question, and thanks. The messages go out round by round (everyone's
first, then everyone's second, ...) as signed SMS webhooks from 20 senders, as fast as the
servers take them (`--rate 0`, the hour compressed) or at `--rate` messages a second
(`--residents 2000 --rate 20` keeps that up for ten minutes: a soak).

Against `--web` gunicorn servers (as the Procfile's web line), `--workers` `dorpslijn worker`
processes and one scheduler, sending through a local fake of Twilio's REST API. Reports how
long each message took from stored to its reply queued (p50, p95, p99: the reply is queued in
the transaction that marks the message handled), every process's memory a minute in and at
the end (a gunicorn server with its workers), and checks that every message was stored and
handled, every resident's order confirmed and every reply sent exactly once.
"""
from __future__ import annotations

import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import Request, urlopen

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from sqlalchemy import func, select  # noqa: E402
from twilio.request_validator import RequestValidator  # noqa: E402

from dorpslijn.config import DEMO_DIR, load_settings  # noqa: E402
from dorpslijn.db import session_scope  # noqa: E402
from messaging.models import InboundMessage, OutboundMessage  # noqa: E402
from orders.models import Order, Resident  # noqa: E402
from serving import free_port, gunicorn, instance_env  # noqa: E402
from tests.support.fakes.twilio_api import FakeTwilioAPI  # noqa: E402

SENDERS = 20
VILLAGE = "+31852080300"
MORNING = ["Goedemorgen, graag 4 krentenbollen en een pond rundergehakt", "JA",
           "Ook nog een liter melk graag", "ja", "Wanneer komt mijn boodschappen?", "Dank u wel"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--residents", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--web", type=int, default=1, help="gunicorn servers, each as the Procfile's web line")
    parser.add_argument("--rate", type=float, default=0, help="messages a second; 0 sends as fast as taken")
    args = parser.parse_args()
    run = uuid.uuid4().hex[:6]
    with instance_env() as env, FakeTwilioAPI() as twilio, ExitStack() as processes:
        env.update(DORPSLIJN_TRANSPORT="twilio", TWILIO_API_BASE=twilio.base_url,
                   TWILIO_ACCOUNT_SID="AC" + "1" * 32)
        os.environ.update(env)
        settings = load_settings()
        residents = _register(env, settings, args.residents)
        urls = [processes.enter_context(gunicorn("web:create_app()", env, free_port())) for _ in range(args.web)]
        pids = {"web": [_gunicorn_pids(url) for url in urls]}
        started = [_start(env, "worker") for _ in range(args.workers)] + [_start(env, "scheduler")]
        processes.callback(_stop, started)
        pids["worker"] = [p.pid for p in started[:-1]]
        pids["scheduler"] = [started[-1].pid]
        memory = _MemorySampler(pids)
        senders = _Senders(urls, settings.twilio_auth_token, args.rate)
        began = time.monotonic()
        for text in MORNING:
            senders.send_round([_form(run, n, phone, text) for n, phone in enumerate(residents)])
        _wait_until_answered(settings)
        memory.stop()
        _report(settings, args, senders, residents, twilio, memory, time.monotonic() - began)


class _MemorySampler:
    """Every process's memory once a minute while the benchmark runs."""

    def __init__(self, pids: dict[str, list[int]]):
        self.pids, self.samples, self.done = pids, [], threading.Event()
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()

    def _sample(self) -> None:
        while not self.done.wait(60):
            self.samples.append(_memory(self.pids))

    def stop(self) -> None:
        self.done.set()
        self.thread.join()
        self.samples.append(_memory(self.pids))


def _register(env: dict, settings, count: int) -> list[str]:
    """The demo village with made-up neighbours up to `count` residents; their numbers."""
    folder = Path(tempfile.mkdtemp(prefix="dorpslijn-village-"))
    shutil.copytree(DEMO_DIR, folder, dirs_exist_ok=True)
    with open(folder / "customers.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    columns = list(rows[0])
    for n in range(len(rows), count):
        rows.append({**rows[n % len(rows)], "name": f"Buur {n}", "phone": f"+3162{n:07d}",
                     "address": f"Dorpsstraat {n + 1}", "contact_name": "", "contact_phone": ""})
    with open(folder / "customers.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        writer.writerows(rows[:count])
    subprocess.run([sys.executable, "-m", "cli", "import", str(folder)], env=env, check=True,
                   capture_output=True)
    shutil.rmtree(folder)
    with session_scope(settings.database_url) as session:
        return list(session.scalars(select(Resident.phone).order_by(Resident.id)))


def _form(run: str, n: int, phone: str, text: str) -> dict:
    return {"MessageSid": f"SM{run}{n:06d}{MORNING.index(text)}", "From": phone, "To": VILLAGE,
            "Body": text, "NumMedia": "0"}


class _Senders:
    """20 threads posting signed webhooks to the web servers in turn, at a rate or flat out."""

    def __init__(self, urls: list[str], token: str, rate: float):
        self.urls, self.validator, self.rate = urls, RequestValidator(token), rate
        self.count, self.failed = 0, Counter()
        self.lock = threading.Lock()

    def send_round(self, forms: list[dict]) -> None:
        start = time.monotonic()
        with ThreadPoolExecutor(SENDERS) as pool:
            for n, form in enumerate(forms):
                if self.rate:
                    time.sleep(max(0.0, start + n / self.rate - time.monotonic()))
                pool.submit(self._post, self.urls[n % len(self.urls)], form)

    def _post(self, url: str, form: dict) -> None:
        signature = self.validator.compute_signature(url + "/twilio/messages", form)
        for _ in range(5):  # as Twilio does: a failed webhook is tried again
            try:
                urlopen(Request(url + "/twilio/messages", data=urlencode(form).encode(),
                                headers={"X-Twilio-Signature": signature}), timeout=15).read()
                with self.lock:
                    self.count += 1
                return
            except Exception as exc:
                with self.lock:
                    self.failed[type(exc).__name__] += 1
                time.sleep(1)


def _wait_until_answered(settings, timeout: float = 900) -> None:
    """Until every stored message is handled and the outbox is empty."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with session_scope(settings.database_url) as session:
            unhandled = session.scalar(select(func.count()).where(InboundMessage.handled_at.is_(None)))
            unsent = session.scalar(select(func.count()).where(
                OutboundMessage.status.in_(("queued", "sending", "retrying"))))
        if not unhandled and not unsent:
            return
        time.sleep(1)
    print(f"gave up waiting: {unhandled} messages unhandled, {unsent} replies unsent", file=sys.stderr)


def _report(settings, args, senders, residents, twilio, memory, seconds):
    with session_scope(settings.database_url) as session:
        messages = session.execute(select(InboundMessage.received_at, InboundMessage.handled_at)).all()
        outbox = Counter(session.scalars(select(OutboundMessage.status)))
        provider_ids = list(session.scalars(select(OutboundMessage.provider_id)
                                            .where(OutboundMessage.status == "sent")))
        orders = Counter(session.scalars(select(Order.status)))
        unconfirmed = _last_words_of_unconfirmed(session)
    waits = sorted((handled - received).total_seconds() for received, handled in messages if handled)
    delivered = Counter(m["sid"] for m in twilio.messages)
    print(f"{len(residents)} residents, {len(MORNING)} messages each, {args.web} web, "
          f"{args.workers} workers, database {settings.database_url.split(':')[0]}, "
          f"rate {'flat out' if not args.rate else f'{args.rate:g}/s'}, {seconds:.0f} s in all")
    print(f"messages: {senders.count} accepted by the webhook, {len(messages)} stored, {len(waits)} handled; "
          f"webhooks tried again: {dict(senders.failed) or 'none'}")
    print(f"stored to reply queued: p50 {_pct(waits, 50):.3f} s  p95 {_pct(waits, 95):.3f} s  "
          f"p99 {_pct(waits, 99):.3f} s  max {waits[-1]:.3f} s")
    print(f"orders confirmed: {orders['confirmed']} (of {len(residents)} expected); by status: {dict(orders)}")
    for words, count in unconfirmed.most_common(5):
        print(f"  {count} residents without a confirmed order last heard: {words!r}")
    print(f"outbox: {dict(outbox)}; sent to Twilio {len(twilio.messages)} times for {len(provider_ids)} "
          f"sent replies; sent twice: {sum(1 for c in delivered.values() if c > 1)}")
    first, last = memory.samples[0], memory.samples[-1]
    for kind in first:
        print(f"memory of {kind}, MB: after {'a minute' if len(memory.samples) > 1 else 'the run'} "
              f"[{_mb(first[kind])}], at the end [{_mb(last[kind])}]")


def _last_words_of_unconfirmed(session) -> Counter:
    """The start of the last reply each resident without a confirmed order got, counted."""
    confirmed = select(Resident.phone).join(Order, Order.resident_id == Resident.id).where(Order.status == "confirmed")
    last = {}
    for to, body in session.execute(select(OutboundMessage.to, OutboundMessage.body)
                                    .where(OutboundMessage.to.in_(select(Resident.phone)),
                                           OutboundMessage.to.not_in(confirmed))
                                    .order_by(OutboundMessage.id)):
        last[to] = body[:70]
    return Counter(last.values())


def _mb(kilobytes: list[int]) -> str:
    return ", ".join(f"{kb / 1024:.0f}" for kb in kilobytes)


def _pct(values: list[float], p: int) -> float:
    return values[min(len(values) - 1, int(len(values) * p / 100))] if values else float("nan")


def _start(env: dict, command: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli", command], env=env, cwd=HERE.parent,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=60)


def _gunicorn_pids(url: str) -> int:
    """The pid of the gunicorn master listening at `url`."""
    port = url.rsplit(":", 1)[1]
    out = subprocess.run(["pgrep", "-f", f"gunicorn.*127.0.0.1:{port}"], capture_output=True, text=True).stdout
    return min(int(pid) for pid in out.split())


def _memory(pids: dict[str, list[int]]) -> dict[str, list[int]]:
    """Resident memory in kB of each process and, for a gunicorn master, its workers summed."""
    return {kind: [_rss_with_children(pid) for pid in group] for kind, group in pids.items()}


def _rss_with_children(pid: int) -> int:
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    return _rss(pid) + sum(_rss(int(child)) for child in children)


def _rss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except FileNotFoundError:
        pass
    return 0


if __name__ == "__main__":
    main()
