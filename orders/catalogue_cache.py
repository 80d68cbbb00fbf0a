"""A village's catalogue as residents order from it, read from the database and kept until it changes.

One rule says when a kept catalogue is stale: it is kept per database, village, the village's
`catalogue_version` and day. Whatever changes what a village sells (a product edited in the
dashboard, a shop's price list, an import, a word the village learned, a shop's "vandaag niet")
calls `catalogue_changed`, so the very next message, text or voice, reads the new catalogue; a new
day brings back what a shop had off the day before.
"""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import or_, select, update

from orders.calendar import TIMEZONE
from orders.catalogue import Catalogue
from orders.catalogue import Product as CatalogueProduct
from orders.models import LearnedWord, Product, Shop, Village
from orders.understanding.index import index_for

KEPT = 64  # catalogues kept at most; past that all are read again

_catalogues: dict[tuple, Catalogue] = {}


def catalogue_for(session, village: Village, now: datetime | None = None) -> Catalogue:
    """The village's products on sale and its learned words, read again only after `catalogue_changed`;
    with `now`, without those their shop has off for that day ("vandaag niet")."""
    today = now.astimezone(TIMEZONE).date() if now else None
    key = (str(session.get_bind().url), village.id, village.catalogue_version, today)
    if key not in _catalogues:
        if len(_catalogues) > KEPT:
            _catalogues.clear()
        _catalogues[key] = _read(session, village, offered(today))
    return _catalogues[key]


def catalogue_changed(session, village_id: int) -> None:
    """What the village sells changed: every kept catalogue of the village is stale."""
    session.execute(update(Village).where(Village.id == village_id)
                    .values(catalogue_version=Village.catalogue_version + 1))
    session.flush()


def warm_catalogues(session, now: datetime) -> None:
    """Read every village's catalogue and build its index for understanding now, at a process's
    start: built by the first message instead (the first also fills the language's caches,
    0.6 s on a quiet machine), the first resident after a restart waited for it."""
    for village in session.scalars(select(Village)):
        index_for(catalogue_for(session, village, now))


def off_today_catalogue(session, village: Village, now: datetime) -> Catalogue:
    """The village's products on sale that their shop has off today: to tell a resident so."""
    today = now.astimezone(TIMEZONE).date()
    return _read(session, village, Product.active.is_(True) & (Product.unavailable_on == today))


def offered(today: date | None):
    """Which products a resident can order: on sale, and (on `today`) not off for the day."""
    on_sale = Product.active.is_(True)
    if today is None:
        return on_sale
    return on_sale & or_(Product.unavailable_on.is_(None), Product.unavailable_on != today)


def _read(session, village: Village, condition) -> Catalogue:
    rows = session.execute(
        select(Product, Shop.shop_id).join(Shop, Product.shop_pk == Shop.id)
        .where(Product.village_id == village.id, condition).order_by(Product.id))
    return Catalogue(
        (CatalogueProduct(sku=p.sku, shop_id=shop_id, name=p.name, unit=p.unit, price_cents=p.price_cents,
                          category=p.category, description=p.description)
         for p, shop_id in rows),
        synonyms=_learned_words(session, village.id))


def _learned_words(session, village_id: int) -> list[tuple[str, str]]:
    """(word, sku) for each word the village learned for a product it still sells."""
    return list(session.execute(select(LearnedWord.word, Product.sku).join(Product)
                                .where(LearnedWord.village_id == village_id, Product.active.is_(True))))
