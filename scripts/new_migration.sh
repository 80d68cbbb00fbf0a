#!/usr/bin/env bash
# A new migration from what the models say now: make migration m="why the schema changes".
# Released revisions (0001 on) are never edited: each change to the models gets one of its own.
# Review what Alembic wrote, and run `make test`: tests/test_schema.py checks that the
# migrations build exactly what the models describe, on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -n "${1:-}" ] || { echo 'usage: make migration m="why the schema changes"' >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
.venv/bin/python - "$tmp" "$1" <<'PY'
import sys
from alembic import command
from dorpslijn.migrate import MIGRATIONS, alembic_config, upgrade

url = f"sqlite:///{sys.argv[1]}/head.db"
upgrade(url)
number = max(int(path.name[:4]) for path in (MIGRATIONS / "versions").glob("[0-9]*.py")) + 1
command.revision(alembic_config(url), message=sys.argv[2], autogenerate=True, rev_id=f"{number:04d}")
PY
