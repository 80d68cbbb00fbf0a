"""Shared fixtures: a real database and a real Redis per test run, cleaned per test.

The database is the one in `DATABASE_URL` when set (CI's PostgreSQL), else SQLite in a temp
folder; Redis is `REDIS_URL` when set, else the embedded server. Jobs run in the test's
process as a worker in burst mode runs them, reading the same settings from the environment.
Run in parallel (`pytest -n`, as `make test` does), each of pytest-xdist's workers has a database
and a Redis database of its own beside the configured ones. The browser tests get a real Chromium
(module-scoped) and the app served on 127.0.0.1.
"""
from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from sqlalchemy import create_engine, insert, select
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool
from werkzeug.serving import make_server

from dorpslijn.config import load_settings
from dorpslijn.db import Base, autocommit_engine_for, engine_for, session_scope, sessionmaker_for
from dorpslijn.migrate import upgrade
from dorpslijn.redis_server import connect
from tests.support.browser import ARGS, CHROMIUM
from tests.support.database import clean_database, clean_redis, own_database
from tests.support.demo import DEMO
from tests.support.moments import DAYTIME
from tests.support.webhooks import Phone


def pytest_configure(config):
    """Give this xdist worker its own PostgreSQL database (the configured one's name with the
    worker's) and its own numbered Redis database, so that parallel workers never wipe each
    other's rows and keys. SQLite and the embedded Redis are per process already."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        return
    number = int(worker.removeprefix("gw"))
    if url := os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = own_database(url, worker)
    if url := os.environ.get("REDIS_URL"):
        parsed = urlsplit(url)
        base = int(parsed.path.strip("/") or 0)
        os.environ["REDIS_URL"] = urlunsplit(parsed._replace(path=f"/{(base + 1 + number) % 16}"))


SLOWEST_FIRST = ("fault", "browser", "story")


def pytest_collection_modifyitems(items):
    """Each test's kind, for `make test-fast` (the cores alone): a fault test runs real processes
    (tests/faults, and `make run` itself), a browser test drives Chromium, and a story goes through the webhooks and
    the worker as a person's messages do. The slow kinds run first, so that parallel workers
    (`pytest -n`) end together instead of one finishing the fault tests alone."""
    for item in items:
        path = item.path.as_posix()
        if "/tests/faults/" in path or item.path.name == "test_make_run.py":
            item.add_marker("fault")
        elif item.path.name.startswith("test_browser") or {"browser", "page"} & set(getattr(item, "fixturenames", ())):
            item.add_marker("browser")
        elif {"client", "work"} <= set(getattr(item, "fixturenames", ())):
            item.add_marker("story")
    items.sort(key=lambda item: next((n for n, kind in enumerate(SLOWEST_FIRST) if item.get_closest_marker(kind)),
                                     len(SLOWEST_FIRST)))


@pytest.fixture(scope="session")
def instance_dir(tmp_path_factory):
    path = Path(f"/tmp/dorpslijn-test-{os.getpid()}")
    path.mkdir(exist_ok=True)
    yield path
    from dorpslijn.redis_server import stop_embedded
    stop_embedded(path)
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="session")
def database_url(instance_dir):
    """A fresh database at the newest schema: SQLite in a temp folder, or DATABASE_URL wiped.

    A DATABASE_URL is wiped only when its database is named for tests, so that `make test`
    with a production URL in `.env` stops instead of destroying it.
    """
    url = os.environ.get("DATABASE_URL") or f"sqlite:///{instance_dir / 'test.db'}"
    settings = load_settings(instance_dir=instance_dir, database_url=url)
    engine = engine_for(settings.database_url)
    if engine.dialect.name != "sqlite":
        if "test" not in (engine.url.database or ""):
            pytest.exit(f"refusing to wipe database {engine.url.database!r}: tests need one named for tests")
        with engine.begin() as connection:
            connection.exec_driver_sql("DROP SCHEMA public CASCADE")
            connection.exec_driver_sql("CREATE SCHEMA public")
    upgrade(settings.database_url)
    return settings.database_url


@pytest.fixture
def settings(instance_dir, database_url, monkeypatch):
    """Settings for one test, also in the environment so that jobs read the same.

    The clock reads a Monday morning unless a fixture set it first: what a resident is offered
    depends on the hour, and a test must not pass by day and fail by night.
    """
    monkeypatch.setenv("DORPSLIJN_INSTANCE", str(instance_dir))
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("DORPSLIJN_TRANSPORT", os.environ.get("TEST_TRANSPORT", "console"))
    monkeypatch.setenv("PUBLIC_BASE_URL", "https://dorpslijn.test")
    monkeypatch.setenv("DORPSLIJN_CLOCK", os.environ.get("DORPSLIJN_CLOCK") or DAYTIME)
    monkeypatch.setenv("DORPSLIJN_PASSWORD_HASHING", "pbkdf2:sha256:1")  # scrypt's 0.3 s a sign-in, in every test
    clean_database(database_url)
    settings = load_settings()
    clean_redis(connect(settings))
    return settings


@pytest.fixture
def db(settings):
    """A session on the test database that commits each statement by itself: it reads what the
    workers committed, and holds no transaction open (on SQLite a transaction is the write
    lock, which the workers would wait on)."""
    with Session(autocommit_engine_for(settings.database_url), expire_on_commit=False) as session:
        yield session
        session.commit()


@pytest.fixture
def server_restart(settings):
    """Call it to drop every connection to the test database, as a restart of PostgreSQL
    would. Skips the test on SQLite, which has no server to restart."""
    pooled = engine_for(settings.database_url)
    if pooled.dialect.name == "sqlite":
        pytest.skip("only a database server drops connections")
    admin = create_engine(pooled.url, poolclass=NullPool)

    def drop_every_connection():
        with admin.connect() as connection:
            connection.exec_driver_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                       "WHERE datname = current_database() AND pid <> pg_backend_pid()")
    yield drop_every_connection
    for pools in (engine_for, autocommit_engine_for, sessionmaker_for):
        pools.cache_clear()  # the next test starts on new pools, whatever this one left


@pytest.fixture
def app(settings):
    from web import create_app
    app = create_app(settings)
    app.config.update(TESTING=True)
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def demo_rows(database_url):
    """The demo village of Zwartsluis, imported once as a coordinator would: each table's rows."""
    from orders.importer import import_folder
    clean_database(database_url)
    with session_scope(database_url) as session:
        import_folder(session, DEMO)
    with engine_for(database_url).connect() as connection:
        tables = [(table, [dict(row) for row in connection.execute(select(table)).mappings()])
                  for table in Base.metadata.sorted_tables]
    clean_database(database_url)
    return [(table, rows) for table, rows in tables if rows]


@pytest.fixture
def demo(settings, demo_rows):
    """The demo village, copied in from the one import of the session (half a second each)."""
    with engine_for(settings.database_url).begin() as connection:
        for table, rows in demo_rows:
            connection.execute(insert(table), rows)


@pytest.fixture
def work(settings):
    """Run every queued job in this process until the queues are empty."""
    from worker.runner import run_jobs
    redis = connect(settings)

    def run():
        run_jobs(redis, burst=True)
    return run


@pytest.fixture
def phone(client, settings):
    def make(number, channel="sms"):
        return Phone(client, settings, number, channel)
    return make


@pytest.fixture
def twilio_api(settings, monkeypatch):
    """The live transport, sending through the real twilio client to a fake REST API."""
    from tests.support.fakes.twilio_api import FakeTwilioAPI
    with FakeTwilioAPI() as api:
        monkeypatch.setenv("DORPSLIJN_TRANSPORT", "live")
        monkeypatch.setenv("TWILIO_API_BASE", api.base_url)
        monkeypatch.setenv("TWILIO_ACCOUNT_SID", "AC" + "1" * 32)
        monkeypatch.setenv("TWILIO_AUTH_TOKEN", settings.twilio_auth_token)
        yield api


@pytest.fixture(scope="module")
def browser():
    """Chromium, started once for each module of browser tests."""
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def server(app):
    """The app on a free port of 127.0.0.1, served from a background thread."""
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}"
    http.shutdown()
    thread.join(timeout=10)


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, locale="nl-NL", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()

