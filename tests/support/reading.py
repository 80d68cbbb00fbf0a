"""Invented catalogues and what the understanding reads in them, for the tests of classes of mistakes."""
from __future__ import annotations

from orders.catalogue import Product
from orders.understanding import understand


def product(sku, name, unit="stuk", category="", description="", shop="winkel"):
    """A product of an invented shop, at € 2,50."""
    return Product(sku, shop, name, unit, 250, category, description)


def read(text, catalogue):
    """Items as (sku, quantity), questions as (sorted candidates, reason), and what is not sold."""
    result = understand(text, catalogue)
    return (
        [(i.sku, i.quantity) for i in result.items],
        [(sorted(u.candidates), u.reason) for u in result.unclear],
        result.not_found,
    )
