"""Residents: the list, adding and editing one (and their weekly call), marking a new one as checked,
and an order taken on the phone for one (bots/staff_orders.py holds the dialog)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

from bots import staff_orders
from orders.calendar import DAY_CODES, time_of_day, weekday_in
from orders.models import Resident
from orders.weekly_calls import ask_for_weekly_call, stop_weekly_call, weekly_call_of
from web.context import db, redis, settings
from web.dashboard.auth import current, own, safe_next, village_id
from web.dashboard.editing import edit_page, form_for, record, saving, subject_of
from web.dashboard.forms import ResidentForm
from worker.sending import commit_and_send

bp = Blueprint("residents", __name__, url_prefix="/residents")


PAGE_SIZE = 100


@bp.get("/")
def index():
    """The village's residents, a page of PAGE_SIZE at a time (`?page=`, from 1): the ones still to
    be checked first, then by name."""
    listed = (Resident.village_id == village_id(), Resident.erased_at.is_(None))
    total = db().scalar(select(func.count()).select_from(Resident).where(*listed))
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    residents = db().scalars(select(Resident).where(*listed).order_by(Resident.checked, Resident.name, Resident.id)
                             .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE)).all()
    return render_template("dashboard/residents.html", residents=residents, total=total, page=page, pages=pages,
                           first=(page - 1) * PAGE_SIZE + 1)


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Add a resident (a number from the task list may be filled in already)."""
    resident = Resident(village_id=village_id(), phone=request.args.get("phone", ""),
                        language="nl", payment="contant", checked=True)
    return _edit(resident)


@bp.route("/<int:resident_id>", methods=["GET", "POST"])
def edit(resident_id: int):
    """Change a resident's details, contact person, language or payment."""
    return _edit(own_resident(resident_id))


@bp.post("/<int:resident_id>/checked")
def checked(resident_id: int):
    """The coordinator has checked a new resident: their orders are no longer marked."""
    resident = own_resident(resident_id)
    with saving("resident.checked", resident):
        resident.checked = True
    flash("resident_checked")
    return redirect(safe_next(request.form.get("next"), url_for(".index")))


@bp.get("/<int:resident_id>/order")
def phone_order(resident_id: int):
    """Bestelling opnemen: what the resident says on the phone, typed in; the questions and read-back."""
    resident = own_resident(resident_id)
    return render_template("dashboard/phone_order.html", resident=resident,
                           shown=staff_orders.shown(db(), resident, settings().now()))


@bp.post("/<int:resident_id>/order")
def phone_order_answer(resident_id: int):
    """One answer of the resident (their shopping, a choice, JA): the next question or the read-back."""
    resident = own_resident(resident_id)
    text = request.form.get("text", "").strip()[:staff_orders.MAX_TEXT]
    if text:
        answered = staff_orders.answer(db(), resident, current().id, text, settings().now())
        record("phone_order.answer", subject_of(resident),
               after={"said": text, **({"order": answered.confirmed} if answered.confirmed else {})})
        commit_and_send(db(), redis())
    return redirect(url_for(".phone_order", resident_id=resident_id))


@bp.post("/<int:resident_id>/order/stop")
def phone_order_stop(resident_id: int):
    """Stop taking the order: the basket is dropped, nothing is ordered."""
    resident = own_resident(resident_id)
    if staff_orders.forget(db(), resident, settings().now()):
        record("phone_order.stop", subject_of(resident), after={"stopped": True})
    db().commit()
    flash("phone_order_stopped")
    return redirect(url_for(".phone_order", resident_id=resident_id))


def own_resident(resident_id: int) -> Resident:
    """A resident of the coordinator's village who was not erased, else 404."""
    resident = own(Resident, resident_id)
    if resident.erased_at is not None:
        abort(404)
    return resident


def _edit(resident: Resident):
    weekly = weekly_call_of(db(), resident) if resident.id else None
    form = form_for(ResidentForm, resident, call_day=DAY_CODES[weekly.weekday] if weekly else "",
                    call_at=weekly.time if weekly else "")
    return edit_page(resident, form, "dashboard/resident_form.html", "dashboard.residents.index",
                     unique=("phone",), on_save=lambda saved: _save_weekly_call(saved, form))


def _save_weekly_call(resident: Resident, form: ResidentForm) -> None:
    """The weekly call as the form has it: on a weekday at a time, or none ("geen")."""
    db().flush()  # a new resident gets its id
    if form.call_day.data:
        ask_for_weekly_call(db(), resident, weekday_in(form.call_day.data), time_of_day(form.call_at.data))
    else:
        stop_weekly_call(db(), resident)
