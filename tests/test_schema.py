"""The migrations build exactly the schema the models describe, so a model changed without a
migration fails here instead of on a coordinator's database."""
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from dorpslijn.db import engine_for
from dorpslijn.migrate import alembic_config, newest_revision
from cli.tables import Base


def test_the_migrated_database_matches_the_models(settings):
    with engine_for(settings.database_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_the_command_knows_the_newest_migration_without_alembic():
    assert newest_revision() == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
