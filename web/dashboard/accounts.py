"""Dashboard accounts (coordinator, board, shopkeeper): made from the command line, checked at
sign-in, hashed with werkzeug."""
from __future__ import annotations

import logging
import secrets
from functools import cache

from sqlalchemy import func, select
from werkzeug.security import check_password_hash, generate_password_hash

from dorpslijn.config import load_settings
from dorpslijn.db import utcnow
from orders.models import Shop, Village
from web.dashboard.exceptions import UnknownShop, UnknownVillage, WeakPassword
from web.dashboard.models import Coordinator

logger = logging.getLogger(__name__)

MIN_PASSWORD_LENGTH = 10
DEMO_EMAIL = "coordinator@demo.dorpslijn"


def set_coordinator(session, village_slug: str, email: str, password: str, name: str = "",
                    role: str = "coordinator", shop_id: str | None = None) -> Coordinator:
    """Make an account of the village (a coordinator unless `role` says otherwise), or give an
    existing one (same e-mail) this password, role and shop."""
    village = session.scalar(select(Village).where(Village.slug == village_slug))
    if village is None:
        raise UnknownVillage(f"no village with slug {village_slug!r}")
    shop = _shop_of(session, village, shop_id) if role == "shopkeeper" else None
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")
    email = normal_email(email)
    coordinator = session.scalar(select(Coordinator).where(Coordinator.email == email))
    if coordinator is None:
        coordinator = Coordinator(email=email)
        session.add(coordinator)
    coordinator.village_id = village.id
    coordinator.name = name or coordinator.name or ""
    coordinator.password_hash = generate_password_hash(password, method=load_settings().password_hashing)
    coordinator.role = role
    coordinator.shop_pk = shop.id if shop else None
    session.flush()
    logger.info("%s %s set for village %s", role, email, village.slug)
    return coordinator


def _shop_of(session, village: Village, shop_id: str | None) -> Shop:
    """The village's shop with this shop_id, for a shopkeeper's account."""
    shop = session.scalar(select(Shop).where(Shop.village_id == village.id, Shop.shop_id == (shop_id or "")))
    if shop is None:
        raise UnknownShop(f"a shopkeeper needs --shop with a shop_id of {village.slug}; {shop_id!r} is none")
    return shop


def authenticate(session, email: str, password: str) -> Coordinator | None:
    """The coordinator with this e-mail address and password, or None."""
    coordinator = session.scalar(select(Coordinator).where(Coordinator.email == normal_email(email)))
    if not check_password_hash(coordinator.password_hash if coordinator else _nobody(), password):
        return None
    coordinator.last_login_at = utcnow()
    return coordinator


@cache
def _nobody() -> str:
    """Checked against when the e-mail address is unknown, so that a wrong address takes as long
    as a wrong password."""
    return generate_password_hash(secrets.token_hex(16), method=load_settings().password_hashing)


def demo_coordinator(session, village_slug: str, password: str) -> bool:
    """Give the demo village a demo coordinator with this password, once; whether the password works."""
    existing = session.scalar(select(Coordinator).where(Coordinator.email == DEMO_EMAIL))
    if existing is None:
        if session.scalar(select(func.count()).select_from(Village).where(Village.slug == village_slug)) == 0:
            return False
        existing = set_coordinator(session, village_slug, DEMO_EMAIL, password, name="Demo-coördinator")
    return check_password_hash(existing.password_hash, password)


def normal_email(email: str) -> str:
    """An e-mail address as stored: trimmed and in lower case."""
    return (email or "").strip().lower()
