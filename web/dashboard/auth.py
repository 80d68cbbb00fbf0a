"""Signing in and out, who is signed in, and what their role lets them open.

A coordinator opens every page of their village but a shop's own; the board (read-only) the
same pages, without changing anything; a shopkeeper only their shop's page (web/dashboard/shop.py).
"""
from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, g, redirect, render_template, request, session, url_for
from wtforms import EmailField, Form, PasswordField
from wtforms.validators import InputRequired

from web.context import db, redis
from web.dashboard.accounts import authenticate, normal_email
from web.dashboard.models import Coordinator

logger = logging.getLogger(__name__)

bp = Blueprint("auth", __name__)

ATTEMPTS_ALLOWED = 10
READING = ("GET", "HEAD", "OPTIONS")
OPEN_TO_ALL = ("dashboard.auth",)
SHOPKEEPERS_OWN = ("dashboard.shop",)
FRONT_PAGE = "dashboard.tasks.index"
LOCKOUT_SECONDS = 15 * 60


class LoginForm(Form):
    email = EmailField(validators=[InputRequired(message="fill_in")])
    password = PasswordField(validators=[InputRequired(message="fill_in")])


@bp.route("/login", methods=["GET", "POST"])
def login():
    """The sign-in page; a right e-mail address and password opens the dashboard."""
    form = LoginForm(request.form)
    if request.method == "POST" and form.validate():
        if _locked_out(form.email.data):
            return render_template("dashboard/login.html", form=form, problem="locked"), 429
        coordinator = authenticate(db(), form.email.data, form.password.data)
        if coordinator is None:
            _count_failure(form.email.data)
            logger.warning("failed sign-in for %s", normal_email(form.email.data))
            return render_template("dashboard/login.html", form=form, problem="wrong"), 401
        db().commit()
        session.clear()
        session["coordinator_id"] = coordinator.id
        logger.info("%s %s signed in", coordinator.role, coordinator.email)
        return redirect(safe_next(request.args.get("next"), home()))
    return render_template("dashboard/login.html", form=form, problem=None)


@bp.post("/logout")
def logout():
    """Sign out: the session is forgotten."""
    session.clear()
    flash("signed_out")
    return redirect(url_for("dashboard.auth.login"))


def current() -> Coordinator | None:
    """The signed-in coordinator of this request, or None."""
    if "coordinator" not in g:
        coordinator_id = session.get("coordinator_id")
        g.coordinator = db().get(Coordinator, coordinator_id) if coordinator_id else None
    return g.coordinator


def village_id() -> int:
    """The signed-in coordinator's village: the only one this request may see or change."""
    return current().village_id


def own(model, row_id: int):
    """The row of `model` with this id when it belongs to the coordinator's village, else 404."""
    row = db().get(model, row_id)
    if row is None or row.village_id != village_id():
        abort(404)
    return row


def home() -> str:
    """The page an account starts on: a shopkeeper's shop, or the task list."""
    account = current()
    return url_for("dashboard.shop.index" if account and account.role == "shopkeeper" else FRONT_PAGE)


def may_change() -> bool:
    """Whether the signed-in account may change anything (forms and buttons are shown)."""
    account = current()
    return account is not None and account.may_change


def require_account():
    """Send a stranger to the sign-in page, and refuse (403) what the account's role may not open."""
    if request.endpoint == "dashboard.auth.login":
        return None
    account = current()
    if account is None:
        return redirect(url_for("dashboard.auth.login", next=request.full_path.rstrip("?")))
    if account.role == "shopkeeper" and request.endpoint == FRONT_PAGE:
        return redirect(home())
    if not _allowed(account.role, request.blueprint or "", request.method):
        logger.warning("%s %s refused %s %s", account.role, account.email, request.method, request.path)
        abort(403)
    return None


def _allowed(role: str, blueprint: str, method: str) -> bool:
    if blueprint in OPEN_TO_ALL:
        return True
    if role == "shopkeeper" or blueprint in SHOPKEEPERS_OWN:
        return role == "shopkeeper" and blueprint in SHOPKEEPERS_OWN
    return role == "coordinator" or method in READING


def safe_next(target: str | None, default: str) -> str:
    """Where to go next: the dashboard page asked for, never another site; else `default`."""
    if target and target.startswith("/dashboard") and not target.startswith("//"):
        return target
    return default


def _failure_key(email: str) -> str:
    return f"dorpslijn:login-failures:{normal_email(email)}"


def _locked_out(email: str) -> bool:
    return int(redis().get(_failure_key(email)) or 0) >= ATTEMPTS_ALLOWED


def _count_failure(email: str) -> None:
    key = _failure_key(email)
    pipe = redis().pipeline()
    pipe.incr(key)
    pipe.expire(key, LOCKOUT_SECONDS)
    pipe.execute()
