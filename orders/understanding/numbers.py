"""Numbers as people write and say them: digits, decimal commas, fractions and number words."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache

from text_to_num import text2num

from .lexicon import lexicon

LIMIT = Decimal(10) ** 12
MAX_WORD = 60
# The parts a Dutch number word starts with; only such words are read as spelled-out numbers.
ROOTS = ("een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien", "elf", "twaalf",
         "der", "veer", "twin", "zestig", "zeventig", "tachtig", "negentig", "honderd", "duizend")


@lru_cache(maxsize=10_000)
def number(token: str) -> Decimal | None:
    """The value of a token that is a number (`2`, `2,5`, `1/2`, `twee`, `vijfentwintig`), else None.

    Remembered: a message asks it of every token, more than once, and of the same tokens again."""
    if token[0].isdigit() or (token[0] == "-" and len(token) > 1):
        return _digits(token)
    if len(token) > MAX_WORD:  # no number word is this long; a long run of letters is read in one step
        return None
    words = lexicon().numbers
    if token in words:
        return words[token]
    return _compound(token, words) or _spelled(token)


def spoken_english(tokens: list[str], i: int) -> tuple[Decimal, int] | None:
    """An English number said in several words from tokens[i] ("three hundred and fifty", "twenty five"), and the index after.

    None when tokens[i] starts no such number or the number is a single word.
    """
    if not _english_word(tokens[i]):
        return None
    j = i + 1
    while j < len(tokens):
        if _english_word(tokens[j]):
            j += 1
        elif tokens[j] == "and" and tokens[j - 1] in SCALES and j + 1 < len(tokens) and _english_word(tokens[j + 1]):
            j += 2
        else:
            break
    while j > i + 1:
        try:
            return Decimal(text2num(" ".join(tokens[i:j]), "en")), j
        except ValueError:
            j -= 1
    return None


SCALES = ("hundred", "thousand")


@lru_cache(maxsize=10_000)
def _english_word(token):
    """Whether a token is an English number word ("fifty", "hundred"), not an article."""
    if not token.isalpha() or token in ("a", "an"):
        return False
    try:
        text2num(token, "en")
    except ValueError:
        return False
    return True


def _digits(token):
    """A written number, clamped so that absurd sizes stay cheap to handle."""
    if token.endswith("+"):
        return None
    try:
        if "/" in token:
            top, bottom = token.split("/")
            value = Decimal(top) / Decimal(bottom) if int(bottom) else None
        else:
            value = Decimal(token.replace(",", "."))
    except (InvalidOperation, ValueError, ZeroDivisionError):
        return None
    if value is None or not value.is_finite():
        return None
    return max(-LIMIT, min(LIMIT, value))


def _compound(token, words):
    """Dutch `eenentwintig` .. `negenennegentig`: a unit, `en`, a ten."""
    left, sep, right = token.partition("en")
    while sep:
        if words.get(left, 10) < 10 and words.get(right, 0) >= 20 and left not in ("a", "an"):
            return words[left] + words[right]
        more_left, sep, right = right.partition("en")
        left = left + "en" + more_left
    return None


@lru_cache(maxsize=10_000)
def _spelled(token):
    """A Dutch number of any size written as one word ("honderdvijftig", "tweeduizenddriehonderd"), else None."""
    if len(token) > MAX_WORD or not token.isalpha() or not token.startswith(ROOTS):
        return None
    try:
        return Decimal(text2num(token, "nl"))
    except ValueError:
        return None
