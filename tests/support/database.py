"""The test databases: one beside the configured one for each parallel worker, and wiping the
database and Redis so that each test starts from nothing."""
from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import create_engine, delete
from sqlalchemy.pool import NullPool

from dorpslijn.config import sqlalchemy_url
from dorpslijn.db import Base, engine_for


def own_database(url: str, worker: str) -> str:
    """The URL of a database for this worker beside the one in `url`, made when it is missing."""
    engine = create_engine(sqlalchemy_url(url), poolclass=NullPool, isolation_level="AUTOCOMMIT")
    if engine.dialect.name == "sqlite":
        return url
    name = f"{engine.url.database}_{worker}"
    with engine.connect() as connection:
        if connection.exec_driver_sql("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).first() is None:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    engine.dispose()
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def clean_database(url):
    engine = engine_for(url)
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(delete(table))
    forget_cached_rows()


def forget_cached_rows():
    """What this process cached by row id belongs to the wiped database: on PostgreSQL ids are not
    reused, so a village number cached in an earlier test would name a deleted village."""
    from orders import catalogue_cache, villages
    catalogue_cache._catalogues.clear()
    villages._by_number.clear()


def clean_redis(redis):
    for pattern in ("rq:*", "dorpslijn:*"):
        keys = list(redis.scan_iter(pattern))
        if keys:
            redis.delete(*keys)
