"""The web app: webhooks, health, dashboard and simulator. The factory only wires them."""
from __future__ import annotations

import logging

from flask import Flask

from dorpslijn import log_masking
from dorpslijn.config import TEMPLATES_DIR, load_settings


def create_app(settings=None) -> Flask:
    """A Flask app for these settings (the environment's when none are given)."""
    settings = settings or load_settings()
    app = Flask(__name__, template_folder=str(TEMPLATES_DIR / "pages"))
    app.config.update(SECRET_KEY=settings.secret_key, DORPSLIJN=settings)
    log_masking.install()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    from web import context
    context.init_app(app, settings)

    from bots import telegram_channel, twilio_channel
    from ivr import routes as voice_menu
    from web import dashboard, health, simulator
    app.register_blueprint(health.bp)
    app.register_blueprint(twilio_channel.bp)
    app.register_blueprint(telegram_channel.bp)
    dashboard.init_app(app)
    app.register_blueprint(voice_menu.bp)
    if settings.console:
        app.register_blueprint(simulator.bp)
    app.wsgi_app = twilio_channel.MessagesEndpoint(app)
    return app
