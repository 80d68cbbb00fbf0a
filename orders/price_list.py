"""A shop's whole price list from a spreadsheet: what it would change, and then changing it.

The file has the columns of `products.csv` (CONTRACT section 3) and is checked by the
importer's own row checks. It is the shop's whole offer: a product of the shop that is not on it
goes off sale (it stays on the orders that have it), one that is on it again comes back on sale.
`compare` writes nothing; `apply` writes all of it in the caller's transaction.
"""
from __future__ import annotations

import csv
import hashlib
import io
import logging
from dataclasses import dataclass, field

from sqlalchemy import select

from orders.catalogue_cache import catalogue_changed
from orders.exceptions import InvalidImport
from orders.importer import Problem, read_rows
from orders.models import Product, Shop

logger = logging.getLogger(__name__)

FILE = "products.csv"
MAX_BYTES = 1_000_000
FIELDS = {"name": "name", "unit": "unit", "price": "price_cents", "category": "category",
          "description": "description"}


@dataclass
class Changed:
    """A product the list changes: each changed field with its value before and after."""

    product: Product
    line: int
    fields: dict[str, tuple] = field(default_factory=dict)


@dataclass
class Changes:
    """What a price list would do to its shop's products, or the problems that stop it."""

    new: list[dict] = field(default_factory=list)
    changed: list[Changed] = field(default_factory=list)
    gone: list[Product] = field(default_factory=list)
    unchanged: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        """A short digest of the changes: the same digest means the same changes."""
        parts = [repr(sorted((r["sku"], r["name"], r["unit"], r["price"], r["category"], r["description"])
                             for r in self.new)),
                 repr(sorted((c.product.sku, sorted(c.fields.items())) for c in self.changed)),
                 repr(sorted(p.sku for p in self.gone))]
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]

    @property
    def anything(self) -> bool:
        """Whether applying would change any product."""
        return bool(self.new or self.changed or self.gone)


def compare(session, shop: Shop, data: bytes) -> Changes:
    """What the file would change in the shop's products; nothing is written."""
    changes = Changes()
    rows = _rows(data, changes.problems)
    products = {p.sku: p for p in session.scalars(select(Product).where(Product.village_id == shop.village_id))}
    for row in rows:
        _check_shop(shop, row, products.get(row["sku"]), changes.problems)
    if not rows and not changes.problems:
        changes.problems.append(Problem(FILE, 2, "holds no products", "no_rows"))
    if changes.problems:
        return changes
    listed = {row["sku"] for row in rows}
    for row in rows:
        product = products.get(row["sku"])
        if product is None:
            changes.new.append(row)
            continue
        fields = _differences(product, row)
        if fields:
            changes.changed.append(Changed(product, row["_line"], fields))
        else:
            changes.unchanged += 1
    changes.gone = sorted((p for p in products.values() if p.shop_pk == shop.id and p.active and p.sku not in listed),
                          key=lambda p: p.name)
    return changes


def apply(session, shop: Shop, changes: Changes) -> list[Product]:
    """Write what `compare` found: new products, changed ones, the gone ones off sale; the new products."""
    if changes.problems:
        raise InvalidImport(changes.problems)
    new = [Product(village_id=shop.village_id, shop_pk=shop.id, sku=row["sku"], active=True,
                   **{attribute: row[column] for column, attribute in FIELDS.items()}) for row in changes.new]
    session.add_all(new)
    for change in changes.changed:
        for attribute, (_before, after) in change.fields.items():
            setattr(change.product, attribute, after)
    for product in changes.gone:
        product.active = False
    catalogue_changed(session, shop.village_id)
    logger.info("price list of shop %s: %d new, %d changed, %d off sale", shop.shop_id, len(changes.new),
                len(changes.changed), len(changes.gone))
    return new


def as_csv(session, shop: Shop) -> str:
    """The shop's products on sale, in the file's columns, as a spreadsheet opens them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["sku", "shop_id", *FIELDS])
    for product in session.scalars(select(Product).where(Product.shop_pk == shop.id, Product.active.is_(True))
                                   .order_by(Product.category, Product.name)):
        writer.writerow([product.sku, shop.shop_id, product.name, product.unit, f"{product.price_cents // 100}.{product.price_cents % 100:02d}",
                         product.category, product.description])
    return out.getvalue()


def _rows(data: bytes, problems: list[Problem]) -> list[dict]:
    """The file's checked rows; a file too big or not UTF-8 is one problem."""
    if len(data) > MAX_BYTES:
        problems.append(Problem(FILE, 0, "file is too big", "too_big"))
        return []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        problems.append(Problem(FILE, 0, "file is not UTF-8", "not_utf8"))
        return []
    return read_rows(FILE, io.StringIO(text, newline=""), problems)


def _check_shop(shop: Shop, row: dict, product: Product | None, problems: list[Problem]) -> None:
    """A row must be of this shop, and its sku not another shop's."""
    if row["shop_id"] != shop.shop_id:
        problems.append(Problem(FILE, row["_line"], f"shop_id {row['shop_id']} is not {shop.shop_id}",
                                "other_shop", "shop_id", row["shop_id"]))
    elif product is not None and product.shop_pk != shop.id:
        problems.append(Problem(FILE, row["_line"], f"sku {row['sku']} belongs to another shop",
                                "sku_of_other_shop", "sku", row["sku"]))


def _differences(product: Product, row: dict) -> dict[str, tuple]:
    """The product's attributes the row changes, each as (before, after); `active` when it comes back."""
    fields = {attribute: (getattr(product, attribute), row[column]) for column, attribute in FIELDS.items()
              if getattr(product, attribute) != row[column]}
    if not product.active:
        fields["active"] = (False, True)
    return fields
