"""Bring a database to the newest schema with Alembic, safely from several processes at once."""
from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config

from dorpslijn.db import engine_for

logger = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(url: str) -> Config:
    """Alembic's configuration for this project and a database URL."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str) -> None:
    """Apply every migration that the database has not had yet."""
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
