"""A resident's privacy rights, for the coordinator: all their data as a download, or erased
after a confirmation step. Both go through worker/privacy.py, as the command line does, and
both are in the audit trail with the coordinator's name."""
from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from orders.exceptions import NotErasable
from web.context import db, redis, settings
from web.dashboard.auth import village_id
from web.dashboard.editing import actor
from web.dashboard.residents import own_resident
from worker import privacy
from worker.sending import commit_and_send

bp = Blueprint("privacy", __name__, url_prefix="/residents")

CONFIRM_WORD = "WISSEN"


@bp.post("/<int:resident_id>/export")
def export(resident_id: int):
    """Everything stored about the resident, as a JSON file to download."""
    resident = own_resident(resident_id)
    document = privacy.export(db(), resident.phone, actor(), village_id=village_id(), now=settings().now())
    db().commit()
    return Response(json.dumps(document, ensure_ascii=False, indent=2), mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="bewoner-{resident.id}.json"'})


@bp.route("/<int:resident_id>/erase", methods=["GET", "POST"])
def erase(resident_id: int):
    """The confirmation page; the erasure itself once the coordinator has typed the word."""
    resident = own_resident(resident_id)
    if request.method == "GET":
        return render_template("dashboard/resident_erase.html", resident=resident, word=CONFIRM_WORD, problem=None)
    if request.form.get("confirm", "").strip().upper() != CONFIRM_WORD:
        return render_template("dashboard/resident_erase.html", resident=resident, word=CONFIRM_WORD,
                               problem="confirm"), 400
    try:
        privacy.erase(db(), resident.phone, actor(), settings().now(), village_id=village_id())
    except NotErasable:
        db().rollback()
        return render_template("dashboard/resident_erase.html", resident=resident, word=CONFIRM_WORD,
                               problem="not_erasable"), 409
    commit_and_send(db(), redis())
    flash("resident_erased")
    return redirect(url_for("dashboard.residents.index"))
