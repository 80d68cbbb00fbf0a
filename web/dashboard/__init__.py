"""The coordinator's dashboard under /dashboard: plain server-rendered pages, no JavaScript.

Every page needs a signed-in coordinator and shows only their own village. Every form
carries a CSRF token; only the dashboard checks it, so the webhooks stay as Twilio and
Telegram call them. Each page group is a blueprint of its own, nested in `bp`.
"""
from __future__ import annotations

from flask import Blueprint, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect

from web.dashboard import (auth, catalogue, messages, order_list, privacy, residents, rounds, shops,
                           tasks, volunteers, words)
from web.dashboard.formatting import FILTERS

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")
csrf = CSRFProtect()

for page_group in (auth, tasks, residents, privacy, messages, shops, catalogue, words, volunteers, rounds,
                   order_list):
    bp.register_blueprint(page_group.bp)


def init_app(app) -> None:
    """Wire the dashboard into the app: CSRF for its forms, its session cookie, its pages."""
    settings = app.config["DORPSLIJN"]
    app.config.update(WTF_CSRF_CHECK_DEFAULT=False, WTF_CSRF_TIME_LIMIT=None,
                      SESSION_COOKIE_SAMESITE="Lax",
                      SESSION_COOKIE_SECURE=settings.public_base_url.startswith("https") and not settings.console)
    csrf.init_app(app)
    app.jinja_env.filters.update(FILTERS)
    app.register_blueprint(bp)


@bp.before_request
def guard():
    """Refuse a form without a valid CSRF token, and send strangers to the sign-in page."""
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        csrf.protect()
    return auth.require_coordinator()


@bp.app_context_processor
def dashboard_context():
    """What every dashboard page shows in its header."""
    if not request.blueprint or not request.blueprint.startswith("dashboard"):
        return {}
    return {"coordinator": auth.current(), "open_tasks": tasks.open_count()}


@bp.errorhandler(404)
def not_found(_error):
    """A page that is not there, or not of this coordinator's village: the same answer for both."""
    return render_template("dashboard/not_found.html"), 404


@bp.errorhandler(CSRFError)
def form_expired(_error):
    """A form without a valid token: nothing is changed, and the coordinator is told to try again."""
    return render_template("dashboard/form_expired.html"), 400
