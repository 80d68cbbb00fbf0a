"""Word forms: the spellings two words are compared by, so plurals and diminutives meet."""
from __future__ import annotations

import re
from functools import lru_cache

import simplemma

from .lexicon import lexicon

DIMINUTIVES = ("etjes", "etje", "tjes", "tje", "pjes", "pje", "kjes", "kje", "jes", "je")
PLURALS = ("eren", "'s", "en", "s", "n", "e")  # "scharreleieren" is scharrel + eieren, not scharrelei + eren
DOUBLE = re.compile(r"(.)\1+")
STRONG, DERIVED = 3, 2
ADJECTIVE_ENDINGS = ("ig", "ige", "isch", "ische", "lijk", "lijke", "baar", "bare", "loos", "loze", "vrij", "vrije", "rijk", "rijke")
PARTICIPLE_ENDINGS = ("t", "te", "d", "de", "en")
# What stands before the "ge" of a participle: nothing ("gesneden"), a separable part
# ("schoongemaakt", "voorgekookt") or the "on" of its opposite ("ongepeld", "ongezouten").
SEPARABLE = ("", "on", "schoon", "voor", "klein", "fijn", "op", "af", "uit", "in", "aan", "door", "mee", "na", "om",
             "over", "los", "vast", "dicht", "open", "toe", "weg", "samen", "half", "droog", "plat", "bij", "rond")
PRESENT_PARTICIPLE_MIN = 9  # "waterafstotend", "verzachtende"; not "vriend" or "weekend"


@lru_cache(maxsize=100_000)
def forms(word: str) -> dict:
    """Each comparable form of a word with its strength: 3 for the word and its singular, 2 via a diminutive.

    The singular is found by taking endings off, and by the Dutch lemma (simplemma), which also
    knows the plurals that change the stem ("kazen", "noten").
    """
    found = {}
    for stem, strength in _stems(word):
        for base in _singulars(stem):
            key = _squeeze(base)
            if len(key) >= min(2, len(word)) and found.get(key, 0) < strength:
                found[key] = strength
    lemma = _squeeze(_lemma(word))
    if len(lemma) >= 2:
        found.setdefault(lemma, DERIVED if word.endswith(DIMINUTIVES) else STRONG)
    return found


def _lemma(word):
    """The dictionary form of a Dutch word ("kazen": kaas, "knolrapen": knolraap), the word itself if unknown."""
    return simplemma.lemmatize(word, lang="nl") if word.isalpha() else word


def _stems(word):
    """The word itself, and the word without a diminutive ending."""
    yield word, STRONG
    for end in DIMINUTIVES:
        if word.endswith(end) and len(word) - len(end) >= 2:
            yield word[: -len(end)], DERIVED


def _singulars(word):
    """The word and what is left when a plural or inflection ending comes off."""
    yield word
    for end in PLURALS:
        if word.endswith(end) and len(word) - len(end) >= 2:
            yield word[: -len(end)]


def key(word: str) -> str:
    """The spelling a word is compared by, without taking any ending off."""
    return _squeeze(word)


def _squeeze(word):
    """Doubled letters made single, y as ij and final z/v as s/f, so `tomaat` and `tomaten` meet (not in codes like `aa`)."""
    if len(word) <= 3 or not word.isalpha():
        return word
    word = DOUBLE.sub(r"\1", word.replace("y", "ij"))  # "andyvie" is how andijvie is often typed
    if word.endswith("z"):
        word = word[:-1] + "s"
    elif word.endswith("v"):
        word = word[:-1] + "f"
    return word



def describing(word: str) -> bool:
    """Whether a word reads as describing rather than naming: a known variant word or an adjective or participle form.

    Inflected too ("waterdichte" of "waterdicht"), and participles of verbs with a separable
    part ("schoongemaakt", "voorgesneden", "ongepeld") or in -end ("waterafstotende").
    """
    lex = lexicon()
    if lex.role(word) in ("weak", "default", "instruction") or (word,) in lex.glossary.modifiers:
        return True
    if word.endswith("e") and ((word[:-1],) in lex.glossary.modifiers or lex.role(word[:-1]) in ("weak", "default")):
        return True
    if word.endswith(ADJECTIVE_ENDINGS) or (len(word) >= PRESENT_PARTICIPLE_MIN and word.endswith(("end", "ende"))):
        return True
    return (word.endswith(PARTICIPLE_ENDINGS) and not _participle_compound(word)
            and any(word.startswith(front + "ge") and len(word) > len(front) + 5 for front in SEPARABLE))


def _participle_compound(word):
    """Whether a word is a noun made of a participle and a noun ("gehaktballen", "gerookteworst"), no participle itself."""
    return any(word[:cut].endswith(("t", "d", "te", "de")) and known_word(word[cut:])
               for cut in range(5, len(word) - 2))


@lru_cache(maxsize=100_000)
def known_word(word: str) -> bool:
    """Whether the word is a Dutch word in its own right (simplemma's dictionary), so no slip of the pen for another."""
    return simplemma.is_known(word, lang="nl")
