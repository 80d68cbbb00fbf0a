"""The products a village's shops sell, as plain values that need no database."""
from __future__ import annotations

import csv
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from orders.exceptions import BadValue

UNITS = ("stuk", "kg", "bos")


@dataclass(frozen=True)
class Product:
    """One thing a shop sells, priced per unit (`stuk`, `kg` or `bos`)."""

    sku: str
    shop_id: str
    name: str
    unit: str
    price_cents: int
    category: str = ""
    description: str = ""

    @property
    def weighed(self) -> bool:
        """Whether the product is sold by weight, so its quantity is in kilograms."""
        return self.unit == "kg"


class Catalogue:
    """The products of one village, looked up by sku, and the village's own words for some of them.

    Iterating gives what understanding reads: every product, then each product again under each
    word the village taught for it (`synonyms`, (word, sku) pairs), named by that word only.
    """

    def __init__(self, products, synonyms=()):
        self.products = list(products)
        self.by_sku = {p.sku: p for p in self.products}
        self.synonyms = [replace(self.by_sku[sku], name=word, category="")
                         for word, sku in synonyms if sku in self.by_sku]

    def __len__(self):
        return len(self.products)

    def __iter__(self):
        return iter(self.products + self.synonyms)

    def get(self, sku):
        """The product with this sku, or None."""
        return self.by_sku.get(sku)

    @classmethod
    def from_csv(cls, folder) -> "Catalogue":
        """Read `products.csv` from an import folder (CONTRACT section 3)."""
        with open(Path(folder) / "products.csv", encoding="utf-8-sig", newline="") as f:
            return cls(
                Product(
                    sku=row["sku"].strip(),
                    shop_id=row["shop_id"].strip(),
                    name=row["name"].strip(),
                    unit=row["unit"].strip(),
                    price_cents=price_cents(row["price"]),
                    category=(row.get("category") or "").strip(),
                    description=(row.get("description") or "").strip(),
                )
                for row in csv.DictReader(f)
            )


def price_cents(value: str) -> int:
    """A price in euros as a spreadsheet writes it (`2.95`, `2,95`), in cents; never a fraction of one."""
    try:
        cents = Decimal(value.strip().replace(",", ".")) * 100
    except InvalidOperation as exc:
        raise BadValue("not_a_price", f"not a price: {value!r}") from exc
    if cents < 0 or cents != cents.to_integral_value():
        raise BadValue("not_cents", f"not a price in euros and cents: {value!r}")
    return int(cents)
