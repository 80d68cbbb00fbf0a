"""What the village sent and what was ordered, as the command line shows them."""
from __future__ import annotations

import json

from dorpslijn.db import session_scope


def orders_json(capsys) -> list[dict]:
    """Every confirmed order, as `dorpslijn orders --json` prints them."""
    from cli.main import main
    capsys.readouterr()
    main(["orders", "--json"])
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


def orders_by_phone(capsys) -> dict[str, dict]:
    """The newest confirmed order of each resident, by their phone."""
    return {order["customer_phone"]: order for order in orders_json(capsys)}


def outbox(settings, to=None):
    """Every outbox row (as `dorpslijn outbox --json` shows them), optionally to one address."""
    from messaging.reports import outbox_rows
    with session_scope(settings.database_url) as session:
        return [row for row in outbox_rows(session) if to is None or row["to"] == to]
