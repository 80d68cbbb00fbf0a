"""The Dutch grocery lexicon: number words, units, cue phrases, word roles and the glossary, read from data files."""
from __future__ import annotations

import os
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path

from . import glossary as glossary_file
from .glossary import Glossary

FOLDER = Path(__file__).with_name("lexicon")


@dataclass(frozen=True)
class Unit:
    """What a unit word means: its kind and its value."""

    kind: str
    value: str

    @property
    def amount(self) -> Decimal:
        """The unit's numeric value (kilograms, litres, or a multiplier)."""
        return Decimal(self.value)


@dataclass(frozen=True)
class Lexicon:
    """Every word list the understanding reads, keyed for lookup."""

    numbers: dict
    units: dict
    cues: dict
    corrections: dict
    glossary: Glossary
    roles: dict
    ignore: frozenset
    address_suffixes: tuple

    def role(self, word: str) -> str:
        """The role of a word (`split`, `weak`, `default`, ...) or ''."""
        return self.roles.get(word, "")

    def unit_kind(self, word: str) -> str:
        """The kind of unit a word is (`mass`, `pack`, `strength`, ...) or ''."""
        unit = self.units.get(word)
        return unit.kind if unit else ""

    @cached_property
    def opening_words(self) -> frozenset:
        """The first words of the cue and glossary phrases of more than one word: only from such a
        word on may several words be read as one phrase."""
        phrases = [*self.cues, *self.glossary.same, *self.glossary.modifiers]
        return frozenset(phrase[0] for phrase in phrases if len(phrase) > 1)

    @cached_property
    def correction_words(self) -> frozenset:
        """The words a self-correction ("nee wacht") begins with."""
        return frozenset(phrase[0] for phrase in self.corrections)

    @cached_property
    def pack_names(self) -> frozenset:
        """The names of containers in product names ("pak", "doos")."""
        return frozenset(unit.value for unit in self.units.values() if unit.kind == "pack")


def _rows(name):
    """The tab-separated rows of a lexicon file, comments and blank lines left out."""
    with open(FOLDER / name, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip() and not line.startswith("#"):
                yield line.split("\t")


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once per process, with the glossary the setting names (the shipped one when unset)."""
    glossary_path = os.environ.get(glossary_file.PATH_SETTING, "")
    numbers = {row[0]: Decimal(row[1]) for row in _rows("numbers.tsv")}
    units = {row[0]: Unit(row[1], row[2]) for row in _rows("units.tsv")}
    cues = {tuple(row[0].split()): tuple(row[1].split()) for row in _rows("cues.tsv")}
    corrections = {tuple(row[0].split()): row[1] for row in _rows("corrections.tsv")}
    roles = {row[0]: row[1] for row in _rows("words.tsv")}
    glossary = glossary_file.load(Path(glossary_path) if glossary_path else FOLDER / "glossary.tsv")
    for said, canonical in glossary.modifiers.items():
        roles.setdefault(canonical, roles.get(said[0], "weak") if len(said) == 1 else "weak")
    with open(FOLDER / "ignore.txt", encoding="utf-8") as f:
        ignore = frozenset(w for line in f if not line.startswith("#") for w in line.split())
    return Lexicon(
        numbers=numbers,
        units=units,
        cues=cues,
        corrections=corrections,
        glossary=glossary,
        roles={w: r for w, r in roles.items() if r != "address"},
        ignore=ignore,
        address_suffixes=tuple(w for w, r in roles.items() if r == "address"),
    )
