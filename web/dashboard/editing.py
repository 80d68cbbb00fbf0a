"""One way to show and save an edit form for a row of the coordinator's village."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

from web.context import db


def edit_page(row, form, template: str, done_endpoint: str, unique=(), on_save=None):
    """Show `form` for `row`; a valid POST saves it (new rows too) and goes to `done_endpoint`."""
    if request.method == "POST" and form.validate() and _unique(row, form, unique):
        form.populate_obj(row)
        db().add(row)
        if on_save is not None:
            on_save(row)
        db().commit()
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
