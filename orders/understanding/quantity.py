"""Quantities in a phrase ("2 ons", "een stuk of 4", "doos van 6") and what they come to for a product."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal

from .lexicon import lexicon
from .numbers import number, spoken_english

DIMENSIONS = {"mass": "kg", "volume": "l"}
ARTICLES = ("een", "a", "an")
DEFINITE = ("the",)
SPEC_WORDS = ("van", "of")
AND_A = {("en", "een"), ("and", "a"), ("and", "an")}
DECIMAL_POINTS = ("komma", "point")
MAX_PIECES = 50
PIECE_PLURALS = ("jes", "en", "s")
MAX_KG = 10
MIN_KG = Decimal("0.05")
MAX_MEASURE = {"kg": MAX_KG, "l": 20}


@dataclass(frozen=True)
class Amount:
    """So much of something: kilograms (`kg`), litres (`l`) or pieces (`pc`, named by `label`)."""

    value: Decimal
    dim: str
    label: str = ""
    per: Decimal | None = field(default=None, compare=False)  # the unit's worth, of a measure said with one ("ons": 0.1)

    def recounted(self, count: Decimal) -> "Amount":
        """The same unit, another number of it: "twee ons, nee drie" is three ons."""
        return replace(self, value=count * self.per)


@dataclass(frozen=True)
class Quantity:
    """What a phrase says about how much: a count, a measure, a pack size and a pack word."""

    count: Decimal | None = None
    measure: Amount | None = None
    spec: Amount | None = None
    pack: str = ""

    def merged(self, other: "Quantity") -> "Quantity":
        """This quantity with what `other` adds; the first thing said of each kind wins."""
        return Quantity(
            count=self.count if self.count is not None else other.count,
            measure=self.measure or other.measure,
            spec=self.spec or other.spec,
            pack=self.pack or other.pack,
        )

    def settled(self) -> "Quantity":
        """A measure said beside a pack word describes the pack ("1 zak aardappelen 2,5 kilo")."""
        if self.pack and self.measure and self.count is not None and not self.spec:
            return replace(self, spec=self.measure, measure=None)
        return self


def read(tokens: list[str], i: int) -> tuple[Quantity, int] | None:
    """The quantity that starts at tokens[i] and the index after it, or None."""
    units = lexicon().units
    if tokens[i] in SPEC_WORDS and i + 1 < len(tokens):
        found = _number(tokens, i + 1)
        if found:
            value, j = found
            amount, j = amount_at(tokens, j, value)
            return Quantity(spec=amount or Amount(value, "pc", "stuks")), j
        return None
    found = _number(tokens, i)
    if found is None:
        return _bare_unit(tokens, i, units)
    value, j = found
    unit = units.get(tokens[j]) if j < len(tokens) else None
    if unit and unit.kind == "dozen":
        value, j = value * unit.amount, j + 1
        unit = units.get(tokens[j]) if j < len(tokens) else None
    if unit is None:
        return Quantity(count=value), j
    about = _about(tokens, i, j, unit)
    if about:
        value, after = about
        if unit.kind == "pack":
            return Quantity(count=value, pack=unit.value), after
        return Quantity(measure=amount_at(tokens, j, value)[0]), after
    if unit.kind == "count":
        return Quantity(count=value), j + 1
    if unit.kind == "pack" and _sized_pack(tokens, i, j):
        return Quantity(count=Decimal(1), spec=Amount(value, "pc", "stuks"), pack=unit.value), j + 1
    if unit.kind == "pack":
        return Quantity(count=value, pack=unit.value), j + 1
    amount, j = amount_at(tokens, j, value)
    part = _and_a_part(tokens, j) if amount and amount.per else None
    if part is not None:  # "a kilo and a half", "a pound and a quarter", "een liter en een half"
        amount, j = replace(amount, value=amount.value + amount.per * part), j + 3
    return (Quantity(measure=amount), j) if amount else (Quantity(count=value), j)


def _and_a_part(tokens, j):
    """The part of a unit said after it ("and a half": 0.5, "and a quarter": 0.25), or None."""
    rest = tokens[j : j + 3]
    unit = lexicon().units.get(rest[2]) if len(rest) == 3 else None
    return unit.amount if len(rest) == 3 and tuple(rest[:2]) in AND_A and unit is not None and unit.kind == "half" else None


def _sized_pack(tokens, i, j):
    """Whether a number between an article and a pack word in the singular says what the pack holds ("a 12 pack", "the 6 pack").

    "12 packs" and "een stuk of 4 zakken" count packs; "a 12 pack of toilet roll" is one pack of twelve.
    """
    said = tokens[j]
    if said.endswith(("s", "en")) or number(tokens[j - 1]) is None:
        return False
    return (tokens[i] in ARTICLES and j == i + 2) or (j == i + 1 and i > 0 and tokens[i - 1] in DEFINITE)


def _about(tokens, i, j, unit):
    """The number of "een ons of drie", "een pakje of twee" (about that many of the unit), and the index after it.

    Dutch only: "a box of 20" is a box that holds 20.
    """
    if tokens[i] != "een" or (unit.kind not in DIMENSIONS and unit.kind != "pack") or tokens[j + 1 : j + 2] != ["of"]:
        return None
    return _number(tokens, j + 2) if j + 2 < len(tokens) else None


def _number(tokens, i):
    """A spoken or written number at tokens[i] ("twee", "een stuk of 4", "een half", "half a") and the index after."""
    units = lexicon().units
    token = tokens[i]
    if token in ARTICLES and tokens[i + 1 : i + 3] == ["stuk", "of"] and i + 3 < len(tokens):
        found = _number(tokens, i + 3)
        if found:
            return found
    if token in ARTICLES and i + 1 < len(tokens) and tokens[i + 1] not in ARTICLES:
        after = _number(tokens, i + 1)
        if after and tokens[i + 1] != "1":
            return after
    unit = units.get(token)
    if unit and unit.kind == "half":
        j = i + 1 + (i + 1 < len(tokens) and tokens[i + 1] in ARTICLES)
        if j < len(tokens) and tokens[j] in units and units[tokens[j]].kind in ("mass", "volume", "dozen"):
            return unit.amount, j
        return None
    spoken = spoken_english(tokens, i)
    if spoken is not None:
        return spoken
    value = number(token)
    if value is None:
        return None
    j = i + 1
    rest = tokens[j : j + 3]
    if len(rest) == 3 and tuple(rest[:2]) in AND_A and units.get(rest[2]) and units[rest[2]].kind == "half":
        return value + units[rest[2]].amount, j + 3
    if len(rest) >= 2 and rest[0] in DECIMAL_POINTS and rest[1].isdigit() and len(rest[1]) <= 2:
        return value + Decimal(rest[1]) / 10 ** len(rest[1]), j + 2
    spoken = number(rest[1]) if len(rest) >= 2 and rest[0] in DECIMAL_POINTS else None
    if spoken is not None and spoken == spoken.to_integral_value() and 0 <= spoken < 10:
        return value + spoken / 10, j + 2
    return value, j


def amount_at(tokens: list[str], j: int, value: Decimal) -> tuple[Amount | None, int]:
    """`value` in the unit at tokens[j] (mass, volume or pieces), and the index after it."""
    unit = lexicon().units.get(tokens[j]) if j < len(tokens) else None
    if unit is None:
        return None, j
    if unit.kind in DIMENSIONS:
        return Amount(value * unit.amount, DIMENSIONS[unit.kind], per=unit.amount), j + 1
    if unit.kind == "piece":
        return Amount(value, "pc", unit.value), j + 1
    if unit.kind == "count":
        return Amount(value, "pc", "stuks"), j + 1
    return None, j


def _bare_unit(tokens, i, units):
    """A unit said without a number: "zak potgrond" is one bag, "kilo tomaten" one kilo."""
    unit = units.get(tokens[i])
    if unit is None:
        return None
    if unit.kind == "pack":
        return Quantity(pack=unit.value), i + 1
    if unit.kind in DIMENSIONS and len(tokens[i]) >= 4:
        return Quantity(measure=Amount(unit.amount, DIMENSIONS[unit.kind])), i + 1
    return None


def for_product(quantity: Quantity, product, contents: dict, packs: frozenset) -> tuple[Decimal | None, int]:
    """How much of `product` the quantity asks for, in its unit, and how well it fits (0 none .. 3 exact)."""
    count = quantity.count
    if product.unit == "kg":
        mass = next((a for a in (quantity.measure, quantity.spec) if a and a.dim == "kg"), None)
        if mass is None:
            return count, 0 if quantity.count is not None or quantity.measure or quantity.pack else 1
        return mass.value * (count if count is not None and count > 0 else 1), 3
    times = count if count is not None else Decimal(1)
    if product.unit == "bos" and quantity.pack and quantity.pack not in packs:
        return times, 0  # "een zakje koriander" is no bunch of fresh coriander
    if quantity.spec and count is None and quantity.measure is not None and quantity.measure.dim == "pc":
        times = quantity.measure.value  # "60 liter, 2 rollen": two of the pack of that size
    if quantity.spec:
        held = contents.get((quantity.spec.dim, quantity.spec.label)) or contents.get(quantity.spec.dim)
        if held is None and quantity.spec.label == "stuks":
            held = _only_pieces(contents)  # "pak van 4", "pack of 4", "wc papier van 4": the pack of 4 rolls
        if held is None:
            return times, 1
        return times, 3 if _same(held.value, quantity.spec.value) else 0
    if quantity.measure:
        return _by_measure(quantity.measure, times, contents, packs)
    pieces = contents.get(("pc", "stuks")) or _only_pieces(contents)
    if count is not None and not quantity.pack and pieces and pieces.value > 1:
        counted = _by_pieces(count, pieces.value)
        if not counted[1] and pieces.label == "stuks" and 1 < count < pieces.value and _named_in_pieces(product):
            return Decimal(1), 1  # "twee pitabroodjes" of a bag of 6, "vier eierkoeken" of a bag of 5: one bag
        if counted[1] or pieces.label == "stuks":
            return counted
        # "2 paracetamol" of a box of 20 tablets: nobody counts out tablets or rolls, it is two boxes
    return _whole(times, 1 if contents or quantity.pack else 2)


def _only_pieces(contents):
    """The pieces a pack holds when they go by another name ("50 tabletten", "12 rollen"), if just one.

    Smaller packs inside a pack ("pak van 10 pakjes" tissues) are no pieces: a count of the thing
    counts the big packs.
    """
    packs = lexicon().pack_names
    held = [amount for key, amount in contents.items() if key[0] == "pc" and amount.label not in packs]
    return held[0] if len(held) == 1 else None


def _by_measure(measure, times, contents, packs):
    """Packs needed for a measure ("2 liter" of a 1-liter pack is 2), or no fit."""
    held = contents.get((measure.dim, measure.label)) if measure.dim == "pc" else contents.get(measure.dim)
    if held is None:
        if measure.dim == "pc" and measure.label in packs:
            return _whole(measure.value, 1)
        return None, 0
    ratio = measure.value / held.value
    if ratio < 1 or not _same(ratio, ratio.to_integral_value()):
        return None, 0
    return _whole(ratio.to_integral_value() * times, 3 if ratio == 1 else 2)


def _named_in_pieces(product):
    """Whether a packed product is named by its pieces, in the plural ("Pitabroodjes", "Eierkoeken"), not as a whole
    ("Beschuit", a roll of 13: "2 beschuit" is two rolls)."""
    words = product.name.lower().split()
    last = words[-1] if words else ""
    return last.isalpha() and last.endswith(PIECE_PLURALS)


def _by_pieces(count, per_pack):
    """Packs for a number of pieces ("zes eieren" is one box of six), or no fit."""
    if count % per_pack == 0 and count > 0:
        return count / per_pack, 3 if count == per_pack else 2
    if count == 1:
        return count, 1
    return count, 0


def _whole(value, fit):
    """A count of packs, which fits only as a whole number."""
    return (value, fit) if value == value.to_integral_value() else (value, 0)


def _same(a, b):
    """Whether two amounts are equal within a gram."""
    return abs(a - b) < Decimal("0.001")


def absurd(value: Decimal | None, unit: str, said: Quantity | None = None) -> bool:
    """Whether no household orders this much: nothing, a crumb (under 50 gram), more than a shop sells one.

    A weight or volume said is judged as said, whatever packs it comes to: 40 kilo of potatoes in
    bags is still 40 kilo.
    """
    if value is None:
        return False
    if value <= 0 or value > (MAX_KG if unit == "kg" else MAX_PIECES) or (unit == "kg" and value < MIN_KG):
        return True
    measure = said.measure if said else None
    return measure is not None and measure.dim in DIMENSIONS.values() and measure.value > MAX_MEASURE[measure.dim]
