"""Bring a database to the newest schema with Alembic, safely from several processes at once.

Alembic is imported only when a migration runs: a command mostly finds the schema current, and
one query tells it so (`upgrade_when_behind`).
"""
from __future__ import annotations

import logging
import re
from pathlib import Path

from sqlalchemy import inspect, text

from dorpslijn.db import engine_for

logger = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
REVISION = re.compile(r"""^(down_)?revision = ['"]([^'"]*)['"]""", re.M)


def alembic_config(url: str):
    """Alembic's configuration for this project and a database URL."""
    from alembic.config import Config
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Apply every migration that the database has not had yet."""
    from alembic import command
    engine = engine_for(url)
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(4711)")
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    logger.info("database at the newest schema")


def upgrade_when_behind(url: str) -> None:
    """Upgrade the database unless it is at the newest revision already (the common case,
    checked with one query, without Alembic's own start-up)."""
    engine = engine_for(url)
    with engine.connect() as connection:
        current = (connection.scalar(text("SELECT version_num FROM alembic_version"))
                   if inspect(connection).has_table("alembic_version") else None)
    if current != newest_revision():
        upgrade(url)


def newest_revision() -> str:
    """The revision no other migration follows, read from the migration files themselves."""
    revisions, followed = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        for down, value in REVISION.findall(path.read_text()):
            (followed if down else revisions).add(value)
    (newest,) = revisions - followed
    return newest
