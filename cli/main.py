"""The `dorpslijn` command (CONTRACT section 4)."""
from __future__ import annotations

import argparse
import json
import logging
import signal
import subprocess
import sys
import time
from datetime import date

from dorpslijn import log_masking
from dorpslijn.config import DEMO_DIR, load_settings

logger = logging.getLogger("dorpslijn")

GUNICORN = ["--config", "python:web.gunicorn_settings", "--access-logfile", "-"]  # as the Procfile runs it


def main(argv=None) -> int:
    """Run one `dorpslijn` command."""
    parser = _parser()
    args = parser.parse_args(argv)
    log_masking.install()
    logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return args.command(args) or 0


def _parser():
    parser = argparse.ArgumentParser(prog="dorpslijn")
    commands = parser.add_subparsers(required=True)

    def command(name, function, help_text):
        sub = commands.add_parser(name, help=help_text)
        sub.set_defaults(command=function)
        return sub

    command("import", cmd_import, "import a village folder of CSV files").add_argument("folder")
    web = command("web", cmd_web, "the web app (webhooks, dashboard, simulator)")
    web.add_argument("--host", default="127.0.0.1")
    web.add_argument("--port", type=int, default=None)
    command("worker", cmd_worker, "a queue worker").add_argument("--burst", action="store_true")
    command("scheduler", cmd_scheduler, "the scheduler: cut-offs, reminders, sweeps")
    command("run", cmd_run, "web + worker + scheduler together")
    command("setup", cmd_setup, "create the database; load the demo village when it is empty")
    parse = command("parse", cmd_parse, "order understanding on JSON lines from stdin")
    parse.add_argument("--catalogue", required=True)
    coordinator = command("coordinator", cmd_coordinator_add, "coordinator accounts for the dashboard")
    coordinator.add_argument("action", choices=["add"], help="add a coordinator (or give one a new password)")
    coordinator.add_argument("--village", required=True, help="the village's slug")
    coordinator.add_argument("--email", required=True)
    coordinator.add_argument("--name", default="")
    coordinator.add_argument("--role", choices=["coordinator", "board", "shopkeeper"], default="coordinator",
                             help="board: sees everything, changes nothing; shopkeeper: one shop only")
    coordinator.add_argument("--shop", default=None, help="the shopkeeper's shop_id (shops.csv)")
    weekly = command("weekly-call", cmd_weekly_call, "call a resident every week to take their order")
    weekly.add_argument("phone")
    weekly.add_argument("--day", default="", help="ma, di, wo, do, vr, za or zo")
    weekly.add_argument("--time", default="", help="HH:MM, Dutch time")
    weekly.add_argument("--stop", action="store_true", help="no more weekly calls")
    command("outbox", cmd_outbox, "every outbound message").add_argument("--json", action="store_true")
    command("orders", cmd_orders, "every confirmed order").add_argument("--json", action="store_true")
    rounds = commands.add_parser("rounds", help="delivery rounds").add_subparsers(required=True)
    close = rounds.add_parser("close", help="close a delivery day now: freeze, assign, plan, send")
    close.add_argument("--date", type=date.fromisoformat, default=None, help="YYYY-MM-DD; default the next")
    close.set_defaults(command=cmd_rounds_close)
    privacy = commands.add_parser("privacy", help="a person's data: all of it, or none").add_subparsers(required=True)
    export = privacy.add_parser("export", help="everything stored about a phone number, as one JSON document")
    export.add_argument("phone")
    export.set_defaults(command=cmd_privacy_export)
    erase = privacy.add_parser("erase", help="remove a person; their orders stay for the books, anonymised")
    erase.add_argument("phone")
    erase.set_defaults(command=cmd_privacy_erase)
    money = commands.add_parser("money", help="money as CSV").add_subparsers(required=True)
    money_rounds = money.add_parser("rounds", help="per round: what to collect and what was collected")
    money_rounds.add_argument("--date", type=date.fromisoformat, default=None)
    money_rounds.set_defaults(command=cmd_money_rounds)
    money.add_parser("turnover", help="per week and shop: the turnover that stayed in the village") \
        .set_defaults(command=cmd_money_turnover)
    telegram = commands.add_parser("telegram", help="the Telegram bot").add_subparsers(required=True)
    telegram.add_parser("set-webhook", help="have Telegram call PUBLIC_BASE_URL/telegram/webhook").set_defaults(
        command=cmd_telegram_set_webhook)
    poll = telegram.add_parser("poll", help="fetch messages from Telegram, for a laptop without a public URL")
    poll.add_argument("--once", action="store_true", help="fetch what is waiting, then stop")
    poll.set_defaults(command=cmd_telegram_poll)
    return parser


def _ready_settings():
    """The settings, with the database at the newest schema."""
    from dorpslijn.migrate import upgrade_when_behind
    settings = load_settings()
    upgrade_when_behind(settings.database_url)
    return settings


def session_scope(url: str):
    """A session on the database at `url` (SQLAlchemy is imported by the commands that use one)."""
    from dorpslijn import db
    return db.session_scope(url)


def cmd_import(args):
    """`dorpslijn import DIR`."""
    from orders.exceptions import InvalidImport
    from orders.importer import import_folder
    settings = _ready_settings()
    try:
        with session_scope(settings.database_url) as session:
            counts = import_folder(session, args.folder)
    except InvalidImport as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        print("Nothing was imported.", file=sys.stderr)
        return 1
    print(", ".join(f"{name}: {count}" for name, count in counts.items()))
    return 0


def cmd_setup(args):
    """Create or migrate the database, and load the demo village into an empty one."""
    from sqlalchemy import func, select

    from orders.importer import import_folder
    from orders.models import Village
    settings = _ready_settings()
    with session_scope(settings.database_url) as session:
        if session.scalar(select(func.count()).select_from(Village)) == 0:
            import_folder(session, DEMO_DIR)
            print(f"Loaded the demo village from {DEMO_DIR}")
    if settings.console:
        _demo_coordinator(settings)
    return 0


def _demo_coordinator(settings):
    """Console mode only: a coordinator for the demo village, and its sign-in printed."""
    import csv

    from dorpslijn.config import _generated
    from web.dashboard.accounts import DEMO_EMAIL, demo_coordinator
    with open(DEMO_DIR / "village.csv", encoding="utf-8") as file:
        slug = next(csv.DictReader(file))["slug"]
    password = _generated(settings.instance_dir, "demo_coordinator_password")
    with session_scope(settings.database_url) as session:
        if demo_coordinator(session, slug, password):
            print(f"Dashboard {settings.public_base_url}/dashboard  demo sign-in: {DEMO_EMAIL}  password: {password}")


def cmd_coordinator_add(args):
    """`dorpslijn coordinator add --village SLUG --email E`: the password is asked, or read from stdin."""
    import getpass

    from web.dashboard.accounts import set_coordinator
    from web.dashboard.exceptions import AccountError
    if sys.stdin.isatty():
        password = getpass.getpass("Password: ")
        if getpass.getpass("Password again: ") != password:
            print("The passwords differ; nothing was changed.", file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        with session_scope(_ready_settings().database_url) as session:
            set_coordinator(session, args.village, args.email, password, args.name, role=args.role,
                            shop_id=args.shop)
    except AccountError as exc:
        print(f"{exc}; nothing was changed.", file=sys.stderr)
        return 1
    print(f"{args.role.capitalize()} {args.email} can sign in at /dashboard")
    return 0


def cmd_web(args):
    """`dorpslijn web`: Flask's server, for a laptop; the Procfile runs gunicorn."""
    import os

    from web import create_app
    settings = _ready_settings()
    port = args.port or int(os.environ.get("PORT", 5000))
    create_app(settings).run(host=args.host, port=port, threaded=True)


def cmd_worker(args):
    """`dorpslijn worker [--burst]`."""
    from worker.runner import work
    work(_ready_settings(), burst=args.burst)


def cmd_scheduler(args):
    """`dorpslijn scheduler`: ticks until stopped."""
    from worker.schedule import run_forever
    run_forever(_ready_settings())


def cmd_run(args):
    """Web, worker and scheduler as child processes; Ctrl-C or SIGTERM stops all of them, and the
    embedded Redis.

    The children run in process groups of their own, so that the terminal's Ctrl-C reaches only
    this process, which gives each child one SIGTERM: the worker finishes its job (RQ's warm
    shutdown) and gunicorn its requests. Signalled twice, by the terminal and by us, the worker
    stopped cold and gunicorn's workers printed tracebacks.
    """
    import os

    from dorpslijn.redis_server import stop_embedded
    settings = _ready_settings()
    port = os.environ.get("PORT", "5000")
    me = [sys.executable, "-m", "cli"]
    signal.signal(signal.SIGTERM, signal.default_int_handler)  # stopped by a host as by Ctrl-C
    commands = [[sys.executable, "-m", "gunicorn", *GUNICORN, "--bind", f"127.0.0.1:{port}", "web:create_app()"],
                me + ["worker"], me + ["scheduler"]]
    children = []
    try:
        children += [subprocess.Popen(command, process_group=0) for command in commands]
        print(f"Dorpslijn runs on http://127.0.0.1:{port}  (Ctrl-C stops it)", flush=True)
        while all(child.poll() is None for child in children):
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not leave anything running
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        _stop(children)
        if not settings.redis_url:
            stop_embedded(settings.instance_dir)
    return 0


def _stop(children: list[subprocess.Popen]) -> None:
    """One SIGTERM to each child still running; killed after 30 seconds."""
    for child in children:
        if child.poll() is None:
            child.terminate()
    for child in children:
        try:
            child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


def cmd_parse(args):
    """`dorpslijn parse --catalogue DIR`: no database needed."""
    from orders.catalogue import Catalogue
    from orders.understanding import parse_stream
    parse_stream(Catalogue.from_csv(args.catalogue), sys.stdin, sys.stdout)


def cmd_weekly_call(args):
    """`dorpslijn weekly-call PHONE --day ma --time 10:00` (or `--stop`): the weekly call."""
    from sqlalchemy import select

    from orders.calendar import time_of_day, weekday_in
    from orders.models import Resident
    from orders.phones import normalise_or_none
    from orders.weekly_calls import ask_for_weekly_call, stop_weekly_call
    weekday, at = weekday_in(args.day), time_of_day(args.time)
    if not args.stop and (weekday is None or at is None):
        print(f"Not a weekday and time: {args.day!r} {args.time!r} (e.g. --day ma --time 10:00).", file=sys.stderr)
        return 1
    with session_scope(_ready_settings().database_url) as session:
        residents = session.scalars(select(Resident).where(Resident.phone == normalise_or_none(args.phone))).all()
        if not residents:
            print(f"No resident has the number {args.phone}.", file=sys.stderr)
            return 1
        for resident in residents:
            stop_weekly_call(session, resident) if args.stop else ask_for_weekly_call(session, resident, weekday, at)
    print("No more weekly calls." if args.stop else f"Called every {args.day} at {args.time}.")
    return 0


def cmd_outbox(args):
    """`dorpslijn outbox --json`."""
    from messaging.reports import outbox_rows
    with session_scope(_ready_settings().database_url) as session:
        _print_rows(outbox_rows(session), args.json)


def cmd_orders(args):
    """`dorpslijn orders --json`."""
    from orders.reports import order_rows
    with session_scope(_ready_settings().database_url) as session:
        _print_rows(order_rows(session), args.json)


def cmd_rounds_close(args):
    """`dorpslijn rounds close [--date YYYY-MM-DD]`: every village's day, closed at once."""
    from sqlalchemy import select

    from orders.availability import next_day_on
    from orders.models import Village
    from worker.rounds_jobs import close_day
    settings = _ready_settings()
    now = settings.now()
    with session_scope(settings.database_url) as session:
        days = [(village.id, args.date or next_day_on(session, village, None, now))
                for village in session.scalars(select(Village).order_by(Village.id))]
    for village_id, day in days:
        if day is not None:
            summary = close_day(village_id, day.isoformat(), now.isoformat())
            print(", ".join(f"{name}: {value}" for name, value in summary.items()))
    return 0


def cmd_privacy_export(args):
    """`dorpslijn privacy export PHONE`: one JSON document on stdout."""
    from worker import privacy
    settings = _ready_settings()
    try:
        with session_scope(settings.database_url) as session:
            document = privacy.export(session, args.phone, _actor(), now=settings.now())
    except (privacy.NobodyKnown, ValueError) as exc:
        return _nothing_about(args.phone, exc, "exported")
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def cmd_privacy_erase(args):
    """`dorpslijn privacy erase PHONE`: the person removed, their orders kept anonymised."""
    from dorpslijn.redis_server import connect
    from orders.exceptions import NotErasable
    from worker import privacy
    from worker.sending import commit_and_send
    settings = _ready_settings()
    try:
        with session_scope(settings.database_url) as session:
            erased = privacy.erase(session, args.phone, _actor(), settings.now())
            commit_and_send(session, connect(settings))
    except NotErasable as exc:
        print(f"{args.phone}: {exc}. Nothing was erased.", file=sys.stderr)
        return 1
    except (privacy.NobodyKnown, ValueError) as exc:
        return _nothing_about(args.phone, exc, "erased")
    print(", ".join(f"{name}: {count}" for name, count in erased.counts.items()))
    return 0


def _nothing_about(phone: str, exc: Exception, done: str) -> int:
    from worker.privacy import NobodyKnown
    reason = "nothing is stored about this number" if isinstance(exc, NobodyKnown) else "not a phone number"
    print(f"{phone}: {reason}. Nothing was {done}.", file=sys.stderr)
    return 1


def _actor() -> str:
    """Who ran a command, for the audit trail: the operating system's user."""
    import getpass
    return f"command line ({getpass.getuser()})"


def cmd_money_rounds(args):
    """`dorpslijn money rounds [--date]`: CSV, per round what to collect and what was collected."""
    from orders.money import ROUND_COLUMNS, round_rows
    with session_scope(_ready_settings().database_url) as session:
        _print_csv(ROUND_COLUMNS, round_rows(session, args.date))


def cmd_money_turnover(args):
    """`dorpslijn money turnover`: CSV, per week and shop the turnover that stayed in the village."""
    from orders.money import TURNOVER_COLUMNS, turnover_rows
    with session_scope(_ready_settings().database_url) as session:
        _print_csv(TURNOVER_COLUMNS, turnover_rows(session))


def _print_csv(columns, rows):
    import csv
    writer = csv.DictWriter(sys.stdout, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def _print_rows(rows, as_json: bool):
    for row in rows:
        print(json.dumps(row, ensure_ascii=False) if as_json else "  ".join(str(v) for v in row.values()))


def cmd_telegram_set_webhook(args):
    """`dorpslijn telegram set-webhook`: Telegram delivers to our webhook, with the secret."""
    from cli.telegram import set_webhook
    settings = _telegram_settings()
    if settings is None:
        return 1
    print(f"Telegram now calls {set_webhook(settings)}")
    return 0


def cmd_telegram_poll(args):
    """`dorpslijn telegram poll [--once]`: long-polling instead of the webhook."""
    from cli.telegram import poll
    settings = _telegram_settings()
    if settings is None:
        return 1
    print(f"{poll(settings, once=args.once)} Telegram messages received")
    return 0


def _telegram_settings():
    """The settings, when they name a Telegram bot; else None, and the operator is told."""
    settings = _ready_settings()
    if not settings.telegram_bot_token:
        print("Set TELEGRAM_BOT_TOKEN (from @BotFather) first.", file=sys.stderr)
        return None
    return settings
