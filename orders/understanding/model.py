"""What understanding a message gives: items it is sure of, questions to ask, things not sold."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Item:
    """A product the resident surely asked for, in the product's unit (pieces, bunches or kilograms)."""

    sku: str
    quantity: Decimal
    text: str


@dataclass(frozen=True)
class Unclear:
    """A phrase to ask about: several products fit, the amount is absurd, or no product fits well."""

    text: str
    candidates: list[str]
    quantity: Decimal | None
    reason: str


@dataclass
class Understanding:
    """Everything taken from one message, in the order it was said."""

    items: list[Item] = field(default_factory=list)
    unclear: list[Unclear] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)
    truncated: bool = False
    units: dict = field(default_factory=dict, repr=False, compare=False)

    def as_json(self, id) -> dict:
        """The CONTRACT's `dorpslijn parse` output line for this message."""
        return {
            "id": id,
            "items": [{"sku": i.sku, "quantity": _number(i.quantity, self.units.get(i.sku))} for i in self.items],
            "unclear": [{"text": u.text, "candidates": list(u.candidates)} for u in self.unclear],
            "not_found": list(self.not_found),
        }


def _number(quantity: Decimal, unit: str | None):
    """A quantity as JSON wants it: kilograms as a float, pieces and bunches as a whole number."""
    if unit == "kg" or quantity != quantity.to_integral_value():
        return float(quantity)
    return int(quantity)
