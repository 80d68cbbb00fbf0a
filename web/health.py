"""`GET /healthz`: 200 when the database and Redis answer, 503 otherwise."""
from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text

from web.context import db, redis

logger = logging.getLogger(__name__)
bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Whether this web process can reach everything it needs."""
    checks = {"database": _check(lambda: db().execute(text("SELECT 1"))),
              "redis": _check(lambda: redis().ping())}
    healthy = all(checks.values())
    return jsonify(status="ok" if healthy else "unavailable", **checks), 200 if healthy else 503


def _check(probe) -> bool:
    try:
        probe()
        return True
    except Exception:
        logger.exception("health check failed")
        return False
