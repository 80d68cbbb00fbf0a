#!/usr/bin/env bash
# Before the first release the schema is one migration: regenerate it from the models.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
rm -f dorpslijn/migrations/versions/*.py
.venv/bin/python - "$tmp" <<'PY'
import sys
from alembic import command
from dorpslijn.migrate import alembic_config
config = alembic_config(f"sqlite:///{sys.argv[1]}/empty.db")
command.revision(config, message="the schema", autogenerate=True, rev_id="0001")
PY
rm -rf "$tmp"
