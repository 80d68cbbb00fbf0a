"""The catalogue as the matcher sees it: each product's words, category, pack and contents, indexed once."""
from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass

from .lexicon import lexicon
from .quantity import Amount, amount_at
from .numbers import number
from .text import pieces
from .words import DERIVED, STRONG, describing, forms, key, known_word

HEAD_MIN = 3
AND = ("en", "and")
SYLLABLE = 3
VOWELS = "aeiouy"
_CACHE: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Entry:
    """One product: the words that name it, its contents per pack and its pack words."""

    product: object
    words: tuple
    weight: tuple
    contents: dict
    packs: frozenset
    kinds: tuple = ()
    minor: frozenset = frozenset()
    sized: bool = False
    variants: tuple = ()


class Index:
    """Every product's words by form, by compound head and by category, and as a list for fuzzy look-up.

    A word of a product name that the glossary knows as a variant word ("waterafstotend") is also
    found by its canonical form ("waterproof"), so either way of saying it meets. Words looked up
    are kept.
    """

    def __init__(self, catalogue):
        self.lexicon = lexicon()
        modifiers = {form: canonical for said, canonical in self.lexicon.glossary.modifiers.items() if len(said) == 1
                     for form in forms(said[0])}
        self.entries = [_entry(p) for p in catalogue]
        self.exact = defaultdict(list)
        self.heads = defaultdict(list)
        self.categories = defaultdict(list)
        self.fronts = defaultdict(list)
        for e, entry in enumerate(self.entries):
            for w, word in enumerate(entry.words):
                canonicals = {c for f in forms(word) if (c := modifiers.get(f))}
                for form in {**forms(word), **{f: 0 for c in canonicals for f in forms(c)}}:
                    self.exact[form].append((e, w))
                for form in _head_forms(word):
                    self.heads[form].append((e, w))
                for cut in range(HEAD_MIN, len(word) - HEAD_MIN + 1):
                    self.fronts[key(word[:cut])].append((e, w, known_word(word[cut:])))
            for canonical, w in entry.variants:
                for form in forms(canonical):
                    self.exact[form].append((e, w))
            for word in entry.kinds:
                self.categories[key(word)].append(e)
        self.vocabulary = sorted(self.exact)
        self.hits = {}
        self.parted = {}
        self.exact = dict(self.exact)
        self.heads = dict(self.heads)
        self.categories = dict(self.categories)
        self.fronts = dict(self.fronts)

    def names(self, word: str) -> bool:
        """Whether a word, in any of its forms, is a word of a product name here."""
        return any(f in self.exact for f in forms(word))

    def begins(self, word: str) -> bool:
        """Whether a product word here is a compound that begins with this word ("tarwe" of "tarwebrood")."""
        return key(word) in self.fronts

    def calls(self, word: str) -> bool:
        """Whether a product word or a category here is this word, in any of its forms (not only a compound's end)."""
        return any(f in self.exact or f in self.categories for f in forms(word))

    def knows(self, word: str) -> bool:
        """Whether a word, in any of its forms, names or heads a product or a category of this catalogue."""
        return any(f in self.exact or f in self.heads or f in self.categories for f in forms(word))

    def knows_as_said(self, word: str) -> bool:
        """Whether the word itself or its singular names or heads a product or a category here, not a diminutive's
        stem: "jaantje" is no "jan"."""
        return any(s == STRONG and (f in self.exact or f in self.heads or f in self.categories)
                   for f, s in forms(word).items())

    def filed_only(self, word: str) -> bool:
        """Whether a word, in any of its forms, names a category here and is no word of a product name nor the last
        part of one ("bakken", the baking shelf)."""
        said = forms(word)
        return any(f in self.categories for f in said) and not any(f in self.exact or f in self.heads for f in said)


def index_for(catalogue) -> Index:
    """The index of a catalogue, built on first use and kept while the catalogue lives."""
    lex = lexicon()
    index = _CACHE.get(catalogue)
    if index is None or index.lexicon is not lex:
        index = _CACHE[catalogue] = Index(catalogue)
    return index


def _entry(product) -> Entry:
    """Read a product's name: size and pack words apart from the words that name it.

    The description adds the pack and its size the name leaves out ("fles 1 liter", "rol van
    13"); what the name says of them wins.
    """
    lex = lexicon()
    tokens = [t for part in pieces(product.name) for t in part]
    words, contents, packs = _read_name(tokens, lex)
    sized = bool(contents or packs)  # "Appelsap 3 liter", "Kersen bakje": the name says its size or pack
    if not words:  # a product called by what is elsewhere a pack word ("Rolletjes", the New Year's wafers)
        words = [t for t in tokens if t.isalpha() and not _ignorable(t, lex)]
    _, described, described_packs = _read_name([t for part in pieces(product.description or "") for t in part], lex, True)
    for key_, amount in described.items():
        contents.setdefault(key_, amount)
    if not packs:
        packs |= described_packs
    if product.unit == "bos":
        packs.add("bos")
    kinds = tuple(t for part in pieces(product.category or "") for t in part if t.isalpha() and len(t) >= HEAD_MIN)
    # the unmarked variant word ("heel") and the word of its own kind ("kaas" of "belegen kaas", filed under
    # kaas) go without saying: "2 ons belegen" is the belegen kaas before the jong belegen or the boerenkaas belegen;
    # a shelf named by a describing word ("glutenvrij") is still a variant: "brood" is no glutenvrij brood, and so
    # is a shelf said after a preposition ("zonnebloempitten voor vogels", filed under vogels)
    minor = _minor(tokens, words, lex)
    weight = tuple(0 if lex.role(w) == "default" or (w in kinds and not describing(w) and i not in minor) else 1
                   for i, w in enumerate(words))
    return Entry(product, tuple(words), weight, contents, frozenset(packs), kinds, minor, sized,
                 _phrased_variants(tokens, words, lex))


def _phrased_variants(tokens, words, lex):
    """The canonical variant word of each glossary phrase of several words in a product's name, with the position of
    the name's word it ends on: "Pindakaas zonder zout" is ongezouten pindakaas, as "pindakaas zonder zout" is read."""
    modifiers, found = lex.glossary.modifiers, []
    for i in range(len(tokens)):
        for size in range(2, min(lex.glossary.longest, len(tokens) - i) + 1):
            canonical = modifiers.get(tuple(tokens[i : i + size]))
            if canonical and tokens[i + size - 1] in words:
                found.append((canonical, words.index(tokens[i + size - 1])))
    return tuple(found)


def _minor(tokens, words, lex):
    """Positions of the name's words after a preposition ("met peper", "voor droge hoest") or after "en" ("doperwten en
    worteltjes"): what it has, or has beside the thing it is, not what it is."""
    after, minor, w = False, set(), 0
    for token in tokens:
        if w < len(words) and token == words[w]:
            if after:
                minor.add(w)
            w += 1
        elif lex.role(token) == "preposition" or token in AND:
            after = True
    return frozenset(minor)


def _read_name(tokens, lex, described=False):
    """The naming words of a product text, the amounts it holds per pack, and its pack words.

    A volume word said without a number is one of it ("liter, huisgemaakt"). In a description a
    weight counts only as a pack's ("bak van 500 gram", "blokje 200 gram"):
    "ca. 800 gram" of a loaf, or "200 gram" of sliced cheese, is no reason to count the weight
    ordered in packs rather than weigh it at the counter.
    """
    words, contents, packs = [], {}, set()
    i = 0
    while i < len(tokens):
        token = tokens[i]
        unit = lex.units.get(token)
        value = number(token)
        if value is not None and i > 0 and lex.role(tokens[i - 1]) == "label":
            words.append(token)
        elif value is not None and _strength(tokens, i + 1, lex):
            words.append(token)  # "Paracetamol 500 mg": the strength names the product, it holds no 500 of anything
            i += 2
            continue
        elif value is not None:
            amount, j = amount_at(tokens, i + 1, value)
            if amount is None and j < len(tokens) and lex.unit_kind(tokens[j]) == "pack":
                amount, j = Amount(value, "pc", lex.units[tokens[j]].value), j + 1
            if amount is None and i > 0 and tokens[i - 1] == "van":
                amount = Amount(value, "pc", "stuks")
            if amount is None:
                words.append(token)
            elif described and amount.dim == "kg" and not _after_pack(tokens, i, lex):
                i = j
                continue
            else:
                key_ = (amount.dim, amount.label) if amount.dim == "pc" else amount.dim
                contents.setdefault(key_, amount)
                i = j
                continue
        elif unit and unit.kind in ("pack", "count", "piece"):
            packs.add(unit.value)
        elif unit and unit.kind == "volume" and len(token) >= 4:
            contents.setdefault("l", Amount(unit.amount, "l"))  # "soep, liter": a pot of one litre
        elif not _ignorable(token, lex):
            words.append(token)
        i += 1
    return words, contents, packs


def _strength(tokens, j, lex):
    """Whether tokens[j] is a strength unit ("mg"): the number before it is part of the name."""
    return j < len(tokens) and lex.unit_kind(tokens[j]) == "strength"


def _after_pack(tokens, i, lex):
    """Whether the amount at tokens[i] follows a pack word ("zak 500 gram", "bak van 500 gram")."""
    before = tokens[max(0, i - 2) : i]
    if before[-1:] == ["van"]:
        before = before[:-1]
    unit = lex.units.get(before[-1]) if before else None
    return unit is not None and unit.kind in ("pack", "piece")


def _ignorable(token, lex):
    """Words in a product name that say nothing about which product it is."""
    return lex.role(token) in ("preposition", "label", "split")


def _in_a_doubled_letter(word, cut):
    """Whether a cut falls in a doubled consonant ("kom|mmer", "komm|er") and leaves a syllable, not a word, after it."""
    consonant = word[cut] not in VOWELS
    starts_doubled = consonant and word[cut] == word[cut + 1]
    return starts_doubled or (consonant and word[cut] == word[cut - 1] and len(word) - cut <= SYLLABLE)


def _inside_a_part(word, cut):
    """Whether a cut falls inside the word a compound ends in, where no word ends before it: it leaves no word, or no
    word stands between that word's start and the cut. "appeltaart" ends in "taart", not in "aart" (a name),
    "multivitamine" not in "mine", "hazenpeper" not in the "per" that "peer" is compared as, "natuurazijn" not in
    "zijn"; "boerenroomboter" still ends in "boter" (room + boter)."""
    starts = [c for c in range(1, cut) if known_word(word[c:])]
    if not starts or known_word(word[:cut]):
        return False  # "bos|peen" is cut where a word ends, whatever "speen" is
    between = word[max(starts) : cut]
    return not known_word(word[cut:]) or len(between) < HEAD_MIN or not known_word(between)


def _head_forms(word):
    """The last parts of a compound word as written: `achterham` can be asked for as `ham` (or `hammetje`).

    Only the part itself, not its own singular or stem: a shorter word inside it is another word
    ("bloem", flour, is not the `bloemen` of `zonnebloemen`), and a syllable cut out of a doubled
    letter is none: "komkommer" ends in no "mer", which is how "meer" is compared ("wat nog
    meer"), nor "speklappen" in "peen"; "varkens-schnitzel" still ends in "schnitzel".
    """
    heads = {}
    for cut in range(HEAD_MIN, len(word) - HEAD_MIN + 1):
        if _in_a_doubled_letter(word, cut) or _inside_a_part(word, cut):
            continue
        form = key(word[cut:])
        if len(form) >= HEAD_MIN:
            heads[form] = DERIVED
    return heads
