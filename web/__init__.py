"""The web app: webhooks, health, dashboard and simulator. The factory only wires them."""
from __future__ import annotations

import logging

from flask import Flask

from dorpslijn import log_masking
from dorpslijn.config import TEMPLATES_DIR, load_settings
from web import context, dashboard, health, simulator
from web.webhooks import telegram, twilio_messages, voice


def create_app(settings=None) -> Flask:
    """A Flask app for these settings (the environment's when none are given)."""
    settings = settings or load_settings()
    app = Flask(__name__, template_folder=str(TEMPLATES_DIR / "pages"))
    app.config.update(SECRET_KEY=settings.secret_key, DORPSLIJN=settings)
    log_masking.install()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    context.init_app(app, settings)
    app.register_blueprint(health.bp)
    app.register_blueprint(twilio_messages.bp)
    app.register_blueprint(telegram.bp)
    dashboard.init_app(app)
    app.register_blueprint(voice.bp)
    if settings.console:
        app.register_blueprint(simulator.bp)
    app.wsgi_app = twilio_messages.MessagesEndpoint(app)
    return app
