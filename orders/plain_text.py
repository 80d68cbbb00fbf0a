"""Message text made plain, one rule for every reader: lower case, Latin letters without their
accents (é → e, ß → ss), other scripts and control characters gone.

Two readers differ in what they keep. The understanding of shopping (`plain`) turns emoji and
bullets into line breaks, since they end an item of a list. The words that work anywhere
(`fold`) keep emoji and currency signs (👍 says JA, "€ 20" is an amount) and run spaces together.
"""
from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

MAX_CHARS = 20_000
ASCII_KIN = ("Nd", "No", "Pd", "Zs", "Pi", "Pf")  # digits, ½, dashes, spaces, quotes: made ASCII
MARKS = ("So", "Sk", "Cs", "Co", "Po")  # emoji, bullets and other marks: a line break for `plain`
SIGNS = ("So", "Sk", "Sc")  # emoji, their skin tones and currency signs, which `fold` keeps
MEMORY = 4096  # characters whose plain form each table keeps, so that hostile text cannot grow it


def plain(text: str) -> str:
    """The text in lower case ASCII: emoji and bullets become line breaks, other scripts and controls go."""
    return text[:MAX_CHARS].translate(PLAIN).replace("(", " ").replace(")", " ")


def fold(text: str) -> str:
    """Lower case, without accents, control characters or extra spaces; emoji and currency signs kept."""
    return re.sub(r"\s+", " ", (text or "").translate(FOLD)).strip()


class _Table(dict):
    """What each character becomes, for `str.translate`: worked out when first met, then kept."""

    def __init__(self, kept: tuple[str, ...]):
        super().__init__()
        self.kept = kept

    def __missing__(self, code: int) -> str:
        made = _made_plain(chr(code), self.kept)
        if len(self) < MEMORY:
            self[code] = made
        return made


def _made_plain(ch: str, kept: tuple[str, ...]) -> str:
    """One character as lower case ASCII, a line break or a space; one of the `kept` categories as it is."""
    if ch.isascii():
        return ch.lower() if ch.isprintable() or ch == "\n" else " "
    category = unicodedata.category(ch)
    if category in kept:
        return ch
    if category.startswith("L"):
        return unidecode(ch).lower() if unicodedata.name(ch, "").startswith("LATIN") else " "
    if category in ASCII_KIN:
        return unidecode(ch).lower()
    return "\n" if category in MARKS else " "


PLAIN = _Table(kept=())
FOLD = _Table(kept=SIGNS)
