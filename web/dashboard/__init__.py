"""The coordinator's dashboard under /dashboard: plain server-rendered pages, no JavaScript.

Every page needs a signed-in account and shows only its own village, as far as its role
allows (web/dashboard/auth.py). Every form
carries a CSRF token; only the dashboard checks it, so the webhooks stay as Twilio and
Telegram call them. Each page group is a blueprint of its own, nested in `bp`.
"""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect

from web.dashboard import (audit_page, auth, catalogue, figures, messages, order_list, paper, price_lists, privacy,
                           residents, rounds, search, shop, shops, tasks, volunteers, words)
from web.dashboard.formatting import FILTERS

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
csrf = CSRFProtect()

for page_group in (auth, tasks, residents, privacy, messages, shops, price_lists, catalogue, words, volunteers,
                   rounds, order_list, paper, shop, audit_page, figures, search):
    bp.register_blueprint(page_group.bp)


def init_app(app) -> None:
    """Wire the dashboard into the app: CSRF for its forms, its session cookie, its pages."""
    settings = app.config["DORPSLIJN"]
    app.config.update(WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None,
                      SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=settings.public_base_url.startswith("https") and not settings.console)
    csrf.init_app(app)
    app.jinja_env.filters.update(FILTERS)
    app.jinja_env.globals.update(may_change=auth.may_change, dashboard_home=auth.home)
    app.register_blueprint(bp)


@bp.before_request
def guard():
    """Refuse a form without a valid CSRF token; strangers sign in; each role opens only its pages."""
    if request.method not in auth.READING:
        csrf.protect()
    return auth.require_account()


@bp.app_context_processor
def dashboard_context():
    """What every dashboard page shows in its header."""
    if not request.blueprint or not request.blueprint.startswith("dashboard"):
        return {}
    account = auth.current()
    sees_tasks = account is not None and account.role != "shopkeeper"
    return {"coordinator": account, "open_tasks": tasks.open_count() if sees_tasks else 0}


@bp.errorhandler(404)
def not_found(_error):
    """A page that is not there, or not of this coordinator's village: the same answer for both."""
    return render_template("dashboard/not_found.html"), 404


@bp.errorhandler(403)
def forbidden(_error):
    """A page or a change the account's role does not allow."""
    return render_template("dashboard/forbidden.html"), 403


@bp.errorhandler(CSRFError)
def form_expired(_error):
    """A form without a valid token: nothing is changed, and the coordinator is told to try again."""
    return render_template("dashboard/form_expired.html"), 400
