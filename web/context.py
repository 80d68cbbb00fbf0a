"""What a request works with: the settings, a database session per request, Redis."""
from __future__ import annotations

from flask import current_app, g

from dorpslijn.db import sessionmaker_for
from dorpslijn.redis_server import connect


def init_app(app, settings) -> None:
    """Give the app its Redis client and close each request's session when it ends."""
    app.extensions["dorpslijn.redis"] = connect(settings)
    app.teardown_appcontext(_close_session)


def settings():
    """The settings the app was made with."""
    return current_app.config["DORPSLIJN"]


def db():
    """This request's database session."""
    if "db" not in g:
        g.db = sessionmaker_for(settings().database_url)()
    return g.db


def redis():
    """The app's Redis client."""
    return current_app.extensions["dorpslijn.redis"]


def _close_session(_exc):
    session = g.pop("db", None)
    if session is not None:
        session.close()
