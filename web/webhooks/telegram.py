"""Telegram's webhook: `POST /telegram/webhook`, checked by its secret header, then stored (messaging/telegram_updates.py)."""
from __future__ import annotations

import hmac

from flask import Blueprint, abort, request

from messaging.telegram_updates import receive
from web.context import db, redis, settings

bp = Blueprint("telegram", __name__, url_prefix="/telegram")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@bp.post("/webhook")
def webhook():
    """Store a Telegram Update, queue it for a worker, and answer at once."""
    secret = settings().telegram_webhook_secret
    given = request.headers.get(SECRET_HEADER, "")
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        abort(403)
    update = request.get_json(silent=True)
    receive(db(), redis(), settings(), update if isinstance(update, dict) else {})
    return "", 200
