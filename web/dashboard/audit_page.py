"""Wijzigingen: the audit trail of the village, newest first: who changed what, when, before and after."""
from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select

from dorpslijn.audit import AuditEvent
from web.context import db
from web.dashboard.auth import village_id

bp = Blueprint("audit", __name__, url_prefix="/audit")

SHOWN = 300


@bp.get("/")
def index():
    """The village's latest changes and privacy actions."""
    events = db().scalars(select(AuditEvent).where(AuditEvent.village_id == village_id())
                          .order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(SHOWN)).all()
    return render_template("dashboard/audit.html", events=events, shown=SHOWN)
