"""The one way the dashboard saves a change: the change, its line in the audit trail (who,
when, what, the fields before and after) and the commit, together; and edit forms built on it."""
from __future__ import annotations

from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import inspect, select

from dorpslijn import audit
from web.context import db, settings
from web.dashboard.auth import current, village_id

HIDDEN_FIELDS = ("password_hash",)


@contextmanager
def saving(action: str, *rows):
    """Around a change of `rows`: afterwards the audit trail gets what changed in each of them (and in
    the rows the change adds to the yielded list: a new one from before nothing, a deleted one to
    nothing), and all is committed together."""
    rows = list(rows)
    before = [fields_of(row) if row.id else {} for row in rows]
    db().add_all(rows)
    yield rows
    db().flush()
    for row, was in zip(rows, before + [{}] * (len(rows) - len(before))):
        now = dict.fromkeys(was) if inspect(row).was_deleted else fields_of(row)
        changed = [name for name in now if was.get(name) != now[name]]
        if changed:
            record(action, subject_of(row), before={name: was.get(name) for name in changed} if was else None,
                   after={name: now[name] for name in changed})
    db().commit()


def record(action: str, subject: str, before: dict | None = None, after: dict | None = None) -> None:
    """One thing the signed-in account did, in the audit trail (committed with the change it describes)."""
    audit.record(db(), actor(), action, subject, village_id=village_id(), at=settings().now(),
                 before=before, after=after)


def actor() -> str:
    """Who is changing something, as the audit trail names them: `coordinator anja@...`."""
    account = current()
    return f"{account.role} {account.email}"


def subject_of(row) -> str:
    """A row as the audit trail names it: by kind and id (`resident 12`), never by its contents."""
    return f"{type(row).__tablename__.removesuffix('s')} {row.id}"


def fields_of(row) -> dict:
    """The row's columns as plain JSON values."""
    return {column.key: _plain(getattr(row, column.key)) for column in inspect(type(row)).column_attrs
            if column.key not in HIDDEN_FIELDS}


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def edit_page(row, form, template: str, done_endpoint: str, unique=(), on_save=None):
    """Show `form` for `row`; a valid POST saves it (new rows too) and goes to `done_endpoint`."""
    if request.method == "POST" and form.validate() and _unique(row, form, unique):
        with saving(f"{subject_of(row).split()[0]}.{'edit' if row.id else 'new'}", row):
            form.populate_obj(row)
            if on_save is not None:
                on_save(row)
        flash("saved")
        return redirect(url_for(done_endpoint))
    status = 400 if request.method == "POST" else 200
    return render_template(template, form=form, row=row), status


def form_for(form_class, row, **data):
    """The form filled from the POST when there is one, else from the row (and `data` it lacks)."""
    if request.method == "POST":
        return form_class(request.form)
    return form_class(obj=row, **data)


def _unique(row, form, names) -> bool:
    """Whether no other row of the village already has these values; marks the field when one has."""
    model = type(row)
    ok = True
    for name in names:
        clash = db().scalar(select(model.id).where(
            model.village_id == row.village_id, getattr(model, name) == form[name].data,
            model.id != (row.id or 0)))
        if clash is not None:
            form[name].errors.append("in_use")
            ok = False
    return ok
