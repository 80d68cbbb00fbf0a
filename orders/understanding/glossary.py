"""The grocery glossary: what words of the language mean, for any village's catalogue.

`lexicon/glossary.tsv` holds one entry a line, `phrase<TAB>relation<TAB>target<TAB>tag`:
`same` (the phrase means the target: "mince" is "gehakt"; a phrase with several such lines has
several meanings, tried in order: "loo roll" is "wc papier" or "toiletpapier"), `kind` (the phrase is a general kind
the target is one of: "kaas" covers "goudse kaas"), `plain` (the kind the phrase means when it
says no more: "suiker" is kristalsuiker, "thee" Engelse melange), `modifier` (a variant, size or
preparation word and its canonical form: "in plakken" is "sliced"). Tags (`nl`, `en`, `nl-regio`, `typo`) say
where an entry comes from; the reading is the same for all. Lines starting with # are comments.

An English plural and its singular meet: a `same` phrase is found by the singular of its last
word too ("olives", "strawberry"), so an entry need not be written in both numbers.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import simplemma
from rapidfuzz import process
from rapidfuzz.distance import OSA

from .text import TOKEN, plain

RELATIONS = ("same", "kind", "plain", "modifier")
SLIP_MIN = 7  # "potatos", "haddok" are too short to tell a slip from another word
SLIP_LONG = 10  # from here two letters may slip ("cauliflour")
PATH_SETTING = "DORPSLIJN_GLOSSARY"
MAX_OTHERS = 12


@dataclass(frozen=True)
class Glossary:
    """Phrases as token tuples: what each may mean (`same`), which kinds it covers (`kind`), the kind it means unmarked
    (`plain`), its canonical variant (`modifier`)."""

    same: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)
    modifiers: dict = field(default_factory=dict)
    plain: dict = field(default_factory=dict)

    def meanings(self, said: tuple) -> list:
        """What a phrase means as said, else as the singular of its last word ("olives": olive), or []."""
        return self.same.get(said) or self.same.get(singular(said)) or []

    def slip(self, word: str) -> str | None:
        """The one word of the glossary a word is a slip of the pen for ("strawberies": strawberries), or None.

        Only a long word that is no word of English or Dutch itself, one letter off (two from ten
        letters), beginning with the same letter; when two words of different meanings are as close it is
        neither.
        """
        if word in self._slips:
            return self._slips[word]
        found = None
        if len(word) >= SLIP_MIN and word.isalpha() and not _known(word):
            limit = 1 if len(word) < SLIP_LONG else 2
            close = process.extract(word, self._single, scorer=OSA.distance, score_cutoff=limit, limit=3)
            close = [c for c, _, _ in close if c[0] == word[0]]
            meant = {tuple(self.same[(c,)]) for c in close}  # "potatos": potatoes or potato, one meaning
            found = close[0] if len(meant) == 1 else None
        self._slips[word] = found
        return found

    def others(self, word: str) -> tuple:
        """The other one-word meanings of phrases a one-word meaning is given for ("carrots": peen or wortels)."""
        return self._others.get(word, ())

    @cached_property
    def _others(self) -> dict:
        found = defaultdict(dict)  # a dict as an ordered set: the glossary's order is kept
        for meanings in self.same.values():
            words = [m[0] for m in meanings if len(m) == 1]
            for w in words:
                found[w].update(dict.fromkeys(other for other in words if other != w))
        return {w: tuple(others)[:MAX_OTHERS] for w, others in found.items()}

    @cached_property
    def _single(self) -> tuple:
        """The one-word phrases of the glossary's `same` entries."""
        return tuple(phrase[0] for phrase in self.same if len(phrase) == 1)

    @cached_property
    def _slips(self) -> dict:
        """Slips looked up so far."""
        return {}

    @cached_property
    def longest(self) -> int:
        """The most tokens in a phrase that is replaced as said (a `same` or `modifier` phrase)."""
        return max(map(len, [*self.same, *self.modifiers]), default=0)


def tokens(phrase: str) -> tuple:
    """A phrase as the tokens a message would give."""
    return tuple(TOKEN.findall(plain(phrase)))


def singular(phrase: tuple) -> tuple:
    """The phrase with an English plural last word made singular ("crab salads": crab salad); else as it is."""
    if not phrase:
        return phrase
    return (*phrase[:-1], _singular(phrase[-1]))


@lru_cache(maxsize=100_000)
def _singular(word):
    """The English singular of a plural word ("strawberries", "loaves"), the word itself when it is none."""
    if not word.endswith("s") or not word.isalpha():
        return word
    return simplemma.lemmatize(word, lang="en")


@lru_cache(maxsize=100_000)
def _known(word):
    """Whether a word is a word of English or Dutch in its own right."""
    return simplemma.is_known(word, lang="en") or simplemma.is_known(word, lang="nl")


def read(lines) -> Glossary:
    """A glossary from its lines; a line that does not follow the format is left out."""
    same, kinds, modifiers, plain = defaultdict(list), defaultdict(list), {}, {}
    for line in lines:
        if line.startswith("#") or not line.strip():
            continue
        parts = line.rstrip("\n").split("\t")
        if len(parts) < 3 or parts[1] not in RELATIONS:
            continue
        phrase, target = tokens(parts[0]), tokens(parts[2])
        if not phrase or not target or phrase == target:
            continue
        if parts[1] == "same":
            same[phrase].append(target)
        elif parts[1] == "kind":
            kinds[phrase].append(target)
        elif parts[1] == "plain":
            plain.setdefault(phrase, target)
        else:
            modifiers.setdefault(phrase, "".join(target))
    for phrase in list(same):
        if singular(phrase) not in same:
            same[singular(phrase)] = same[phrase]
    return Glossary(dict(same), dict(kinds), modifiers, plain)


def load(path: Path) -> Glossary:
    """The glossary in a file; an empty one when there is no such file."""
    if not path.is_file():
        return Glossary()
    with open(path, encoding="utf-8") as f:
        return read(f)
