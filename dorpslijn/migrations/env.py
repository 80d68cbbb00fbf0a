"""Alembic's entry: runs the migrations on the connection or URL it is handed."""
from alembic import context
from sqlalchemy import create_engine

from cli.tables import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online():
    """Migrate over a connection given by `dorpslijn.migrate`, or over the configured URL."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with create_engine(config.get_main_option("sqlalchemy.url")).connect() as connection:
        _run(connection)
        connection.commit()


def _run(connection):
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite", compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
