"""Volunteers: the list, adding one, and changing the days they ride."""
from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select

from orders.models import Volunteer
from web.context import db
from web.dashboard.auth import own, village_id
from web.dashboard.editing import edit_page, form_for
from web.dashboard.forms import VolunteerForm

bp = Blueprint("volunteers", __name__, url_prefix="/volunteers")


@bp.get("/")
def index():
    """Every volunteer of the village and the days they ride."""
    volunteers = db().scalars(select(Volunteer).where(Volunteer.village_id == village_id())
                              .order_by(Volunteer.name)).all()
    return render_template("dashboard/volunteers.html", volunteers=volunteers)


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Add a volunteer."""
    return _edit(Volunteer(village_id=village_id(), days="", capacity_bags=12))


@bp.route("/<int:volunteer_id>", methods=["GET", "POST"])
def edit(volunteer_id: int):
    """Change a volunteer's name, phone, days or bags per bike."""
    return _edit(own(Volunteer, volunteer_id))


def _edit(volunteer: Volunteer):
    return edit_page(volunteer, form_for(VolunteerForm, volunteer), "dashboard/volunteer_form.html",
                     "dashboard.volunteers.index", unique=("phone",))
