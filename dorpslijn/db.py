"""The database: one declarative base, an engine per URL, sessions opened where work starts."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from functools import lru_cache

from sqlalchemy import Date, DateTime, MetaData, String, cast, create_engine, event, text
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import DeclarativeBase, sessionmaker
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Every table of Dorpslijn."""

    metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator):
    """A timestamp stored in UTC and always read back timezone-aware, on SQLite too."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(timezone.utc) if value is not None else None

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value


def utcnow() -> datetime:
    """Now, in UTC."""
    return datetime.now(timezone.utc)


def json_filled(column):
    """A condition: the JSON column holds more than an empty object or list (PostgreSQL's `json`
    type has no equality to compare it with)."""
    return cast(column, String).not_in(("{}", "[]"))


@lru_cache(maxsize=None)
def engine_for(url: str):
    """One engine per database URL for the life of the process.

    Each checkout pings the connection first, so that after a restart of the database server
    a caller's next step, a page or a job finds a new connection instead of failing once. The
    SMS webhook stores on the autocommit engine below, without the ping: there that round trip
    cost a third of its time, and its store tries once more on a connection the server dropped.
    """
    return _engine(url, pool_pre_ping=True)


@lru_cache(maxsize=None)
def autocommit_engine_for(url: str):
    """A second engine for the URL whose connections commit each statement by itself, for the
    webhooks' one-statement writes: no BEGIN and COMMIT round trips, and no isolation level
    switched on each checkout, which cost a tenth of the webhook's CPU."""
    return _engine(url, isolation_level="AUTOCOMMIT")


def _engine(url: str, **options):
    """Connections are handed out last in, first out: a webhook's write takes the connection
    used last, whose server process is warm, and the others the first requests opened stay
    idle (round robin over them cost PostgreSQL 50% more CPU per webhook)."""
    options["pool_use_lifo"] = True
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False}, **options)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_size=10, max_overflow=20, pool_recycle=3600, **options)


def _sqlite_pragmas(dbapi_connection, _record):
    """WAL lets the web app read while a worker writes; foreign keys as on PostgreSQL.

    In WAL mode `synchronous=NORMAL` keeps every committed transaction through a crash of
    the process; only a power cut can take the last few, which is SQLite's embedded default
    for a laptop. Production runs on PostgreSQL.
    """
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def take_write_lock(session) -> None:
    """Begin the session's transaction holding the database's write lock, for work that reads
    to decide what it writes while other workers write too.

    SQLite only: a transaction begun as a reader (its default) that writes after another
    process committed fails at once with "database is locked", however long the busy timeout;
    begun IMMEDIATE it waits its turn instead. PostgreSQL locks the rows read FOR UPDATE.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("BEGIN IMMEDIATE"))


class monday_of(FunctionElement):
    """In a query: the Monday of a day's ISO week, so the database can count per week."""

    type = Date()
    inherit_cache = True


@compiles(monday_of, "sqlite")
def _monday_of_on_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)}, 'weekday 0', '-6 days')"  # the Sunday on or after, less 6


@compiles(monday_of, "postgresql")
def _monday_of_on_postgresql(element, compiler, **kw):
    return f"CAST(date_trunc('week', {compiler.process(element.clauses, **kw)}) AS DATE)"


@lru_cache(maxsize=None)
def sessionmaker_for(url: str):
    """The session factory for a database URL."""
    return sessionmaker(engine_for(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str):
    """A session that commits when the block ends and rolls back when it raises."""
    session = sessionmaker_for(url)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
