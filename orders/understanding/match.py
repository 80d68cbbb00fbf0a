"""A phrase's words matched to products: who fits best, whether that is sure, and how much."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .index import Index
from .lexicon import lexicon
from .model import Item, Unclear
from .quantity import Quantity, absurd, for_product
from .words import DERIVED, DIMINUTIVES, PLURALS, STRONG, describing, forms, key, known_word

MAX_CANDIDATES = 5
FUZZY_MIN = 5
LONG_WORD = 8
FUZZY = 1
CATEGORY = DERIVED
HIT_CACHE = 100_000
PART_MIN = 4
END_MIN = 3


@dataclass
class Candidate:
    """One product as a reading of a phrase, with what speaks for it."""

    entry: object
    covered: dict
    extra: int = 0
    quantity: Decimal | None = None
    fit: int = 0
    packed: int = 0
    named: frozenset = frozenset()
    minor: bool = False

    @property
    def sku(self) -> str:
        """The product's sku."""
        return self.entry.product.sku

    @property
    def rank(self) -> tuple:
        """How well it reads the phrase: words covered, how surely, whether the amount fits, pack named."""
        return (len(self.covered), sum(self.covered.values()), self.fit > 0, self.packed)

    @property
    def plainness(self) -> tuple:
        """Among equals: fewest of its own words unsaid, then the amount that fits best."""
        return (-self.extra, self.fit)


@dataclass
class Outcome:
    """What a phrase came to: an item, a question, something not sold, or nothing."""

    item: Item | None = None
    unclear: Unclear | None = None
    not_found: str = ""
    used: frozenset = frozenset()
    sureness: int = 0


class Names:
    """What the segmenter asks of a catalogue: product words said backwards, numbers in product names."""

    def __init__(self, index: Index):
        self.index = index

    def names(self, word: str) -> bool:
        """Whether a word is a word of a product name of the catalogue ("gesneden" in a prepacked pack)."""
        return self.index.names(word)

    def knows(self, word: str) -> bool:
        """Whether the catalogue names, heads or files a product under this word."""
        return self.index.knows(word)

    def knows_as_said(self, word: str) -> bool:
        """Whether the word itself or its singular names or heads a product or a category here (not a diminutive's stem)."""
        return self.index.knows_as_said(word)

    def calls(self, word: str) -> bool:
        """Whether a product word or a category here is this word, not only the end of a compound ("old" of "...gold")."""
        return self.index.calls(word)

    def begins(self, word: str) -> bool:
        """Whether a product word here is a compound that begins with this word ("tarwe" of "tarwebrood")."""
        return self.index.begins(word)

    def close(self, word: str) -> bool:
        """Whether a word is a spelling slip for a product word here, which the catalogue's own reading will find."""
        return bool(_fuzzy(self.index, word))

    def compound(self, first: str, second: str) -> str | None:
        """The product word `second + first` ("broodjes kaas": kaasbroodjes), if the catalogue has it."""
        return self._product_word(second + first)

    def joined(self, first: str, second: str) -> str | None:
        """The product word `first + second` ("vuilnis zakken": vuilniszakken), if the catalogue has it."""
        return self._product_word(first + second)

    def _product_word(self, word: str) -> str | None:
        """`word`, when a form of it is a product word of the catalogue as written."""
        return word if any(s == STRONG and f in self.index.exact for f, s in forms(word).items()) else None

    def parts(self, word: str) -> tuple | None:
        """The two words of one product name written as one word ("bruinbrood": "bruin brood"), if the catalogue has
        no product word so written."""
        if word not in self.index.parted:
            if len(self.index.parted) >= HIT_CACHE:
                self.index.parted.clear()
            self.index.parted[word] = self._parts(word)
        return self.index.parted[word]

    def _parts(self, word):
        if len(word) < 2 * PART_MIN or self.index.knows(word):
            return None
        for cut in range(PART_MIN - 1, len(word) - PART_MIN + 1):
            first, second = word[:cut], word[cut:]
            said = (first, first[:-1]) if first.endswith("e") else (first,)  # as written, or inflected: "wittebrood"
            owners = {e for f in said for e, _ in self.index.exact.get(key(f), ())}
            if owners and any(e in owners for form in forms(second) for e, _ in self.index.exact.get(form, ())):
                return first, second
        return None

    def numbered(self, words: list[str], number: str) -> bool:
        """Whether a product named by one of `words` has `number` in its name ("batterijen" and 312)."""
        owners = {e for e, _ in self.index.exact.get(number, ())}
        return bool(owners) and any(e in owners for w in words for e in _hits(self.index, w))


SIZES = {"klein": min, "groot": max}


def match(index: Index, words: list[str], quantity: Quantity, text: str, head: int | None = None,
          plainly: bool = True) -> Outcome:
    """Decide which product a phrase's words name, sure or not, and how much of it.

    `head` is the position of the phrase's last naming word: when it names products, the other
    words only choose among them ("bruine bonen" are beans, whatever else is brown). `plainly` is
    whether nothing else was said of the thing: "fresh sugar" is no plain "suiker".
    """
    hits = [_hits(index, w) for w in words]
    _join_neighbours(index, words, hits)
    _instructions_choose_only(index, words, hits, quantity)
    _describing_chooses_only(words, hits)
    if head is not None and hits[head] and not describing(words[head]):
        hits = [h if i == head else {e: hit for e, hit in h.items() if e in hits[head]} for i, h in enumerate(hits)]
    ranked = _ranked(index, hits, quantity)
    if not ranked:
        return Outcome()
    best = ranked[0]
    used = frozenset(best.covered)
    lex = lexicon()
    unmatched = [i for i, h in enumerate(hits) if not h and lex.role(words[i]) != "instruction"]
    if unmatched and all(lex.role(words[i]) in ("weak", "default") for i in best.covered):
        return Outcome()
    if max(best.covered.values()) < STRONG and any(i + 1 in best.covered and i not in best.covered for i in range(len(words))):
        return Outcome(unclear=Unclear(text, [c.sku for c in ranked[:3]], None, "unknown"), used=used)
    group = [c for c in ranked if c.rank == best.rank]
    group = _plain_kind(words, group) if plainly else group
    best = group[0]
    # no amount said, or just one: how a pack would fit it tells none apart ("kaarsen", "1 yoghurt")
    silent = quantity in (Quantity(), Quantity(count=Decimal(1)))
    winners = ([c for c in group if c.plainness == best.plainness] if best.extra == 0
               else group if silent else [c for c in group if c.fit == best.fit])
    if len(winners) == 1 and min(best.covered.values()) < STRONG:
        winners += [c for c in group if c.named != best.named and c.fit == best.fit and c not in winners]
    winners = _unsized(winners)
    sized = _by_size(words, group) if len(group) > 1 else None  # "klein" is said: not the whole one for being plainest
    chosen = sized or (winners[0] if len(winners) == 1 else _by_size(words, winners))
    if chosen is None:
        shown = winners + [c for c in group if c not in winners]
        quantity_said = winners[0].quantity if winners[0].fit else None
        return Outcome(unclear=Unclear(text, [c.sku for c in shown[:MAX_CANDIDATES]], quantity_said, "ambiguous"), used=used)
    if chosen.minor:
        return Outcome()  # only what a product has or begins with: not that product
    others = _unread_variant(index, words, hits, chosen, head)
    if others:
        return Outcome(unclear=Unclear(text, [chosen.sku, *others][:MAX_CANDIDATES], chosen.quantity, "ambiguous"),
                       used=frozenset(chosen.covered))
    sureness = min(chosen.covered.values())
    return Outcome(**_settle(chosen, text, quantity), used=frozenset(chosen.covered), sureness=sureness)


def _plain_kind(words, group):
    """Of the products a general word names alike, those of the kind it means unmarked ("suiker" is kristalsuiker, not
    basterdsuiker; "thee" is Engelse melange, not rooibos), when the glossary knows that kind, some are of it and the
    word is all that is said of them. Where the kinds are a matter of taste (volle or halfvolle melk) the glossary
    names none, and the word asks."""
    if len(group[0].covered) != 1:
        return group  # more is said ("volle melk"): the words said choose
    (i,) = group[0].covered
    kind = lexicon().glossary.plain.get((words[i],))
    of_kind = [c for c in group if all(_names_word(c.entry, word) for word in kind)] if kind else []
    return of_kind or group


def _names_word(entry, word):
    """Whether a word, in any of its forms, is a word of a product's name."""
    said = forms(word)
    return any(form in said for name_word in entry.words for form in forms(name_word))


def _unsized(winners):
    """Of one product sold in several sizes, the one whose name says no size or pack: "appelsap" beside "appelsap 3
    liter", a weight of "kersen" sold by the kilo beside "kersen bakje". The others are asked for by their size."""
    plain = [c for c in winners if not c.entry.sized]
    if len(plain) == 1 and len(winners) > 1 and all(c.entry.words == plain[0].entry.words for c in winners):
        return plain
    return winners


def _unread_variant(index, words, hits, chosen, head):
    """Other products of the word a phrase names, when a word said just before it reads as none of them.

    In "elektrische tandenborstel" or "getinte dagcreme" the describing word says which kind is
    meant, and no product here is called by it: the plain product is no more sure than its
    variants, so they are asked about, never the plain one delivered.
    """
    if len(chosen.covered) != 1:
        return []
    (named,) = chosen.covered
    before = named - 1
    if before < 0 or hits[before] or (head is not None and named > head) or lexicon().role(words[before]):
        return []
    if not describing(words[before]):
        return []  # a noun or a name before it ("postma toiletpapier", "krop andijvie") says no kind
    return [index.entries[e].product.sku for e in hits[named] if index.entries[e] is not chosen.entry]


def _settle(chosen, text, said):
    """An item when its amount makes sense, else a question about the amount."""
    unit = chosen.entry.product.unit
    if chosen.fit == 0 or chosen.quantity is None or absurd(chosen.quantity, unit, said):
        return {"unclear": Unclear(text, [chosen.sku], chosen.quantity, "quantity")}
    amount = chosen.quantity.quantize(Decimal("0.001")) if unit == "kg" else chosen.quantity.to_integral_value()
    return {"item": Item(chosen.sku, amount.normalize() if unit == "kg" else amount, text)}


def _by_size(words, group):
    """The smallest or largest of products that differ only in how much a pack holds, when "klein" or "groot" is said.

    "paracetamol, de kleine doos" is the box of 20 beside the box of 50; products that hold no
    differing amount are told apart by a name that says it small ("een kleine rijsttaart").
    """
    pick = next((SIZES[w] for w in words if w in SIZES), None)
    if pick is None:
        return None
    keys = set.intersection(*(set(c.entry.contents) for c in group))
    differing = [k for k in keys if len({c.entry.contents[k].value for c in group}) == len(group)]
    if len(differing) != 1:
        return _by_diminutive(pick, group)
    (k,) = differing
    return pick(group, key=lambda c: c.entry.contents[k].value)


def _by_diminutive(pick, group):
    """The one product whose name says it small or half ("rijsttaartje" beside "rijsttaart", "volkorenbrood half")
    when "klein" is said, the one that does not for "groot"."""
    lex = lexicon()
    small = [c for c in group if any(w.endswith(DIMINUTIVES) for w in c.named)
             or any(lex.unit_kind(w) == "half" for w in c.entry.words)]
    chosen = small if pick is min else [c for c in group if c not in small]
    return chosen[0] if len(chosen) == 1 and 0 < len(small) < len(group) else None


def _ranked(index, hits, quantity):
    """The products that cover the most words most surely, best reading first."""
    covered = {}
    for i, found in enumerate(hits):
        for e, hit in found.items():
            covered.setdefault(e, {})[i] = hit
    if not covered:
        return []
    reach = {e: (len(marks), sum(hit[0] for hit in marks.values())) for e, marks in covered.items()}
    most = max(reach.values())
    candidates = []
    for e, marks in covered.items():
        if reach[e] != most:
            continue
        entry = index.entries[e]
        seen = {hit[1] for hit in marks.values() if hit[1] is not None}
        extra = sum(weight for w, weight in enumerate(entry.weight) if w not in seen)
        fronted = {hit[1] for hit in marks.values() if len(hit) > 3}  # "brood volkoren": volkorenbrood said whole
        extra += sum(hit[2] for hit in marks.values() if len(hit) > 2 and hit[1] not in fronted)
        amount, fit = for_product(quantity, entry.product, entry.contents, entry.packs)
        packed = (2 if quantity.pack in entry.packs else 0) if quantity.pack else 0
        named = frozenset(entry.words[w] for w in seen)
        minor = all(len(hit) > 3 for hit in marks.values())
        candidates.append(Candidate(entry, {i: hit[0] for i, hit in marks.items()}, extra, amount, fit, packed, named, minor))
    candidates.sort(key=lambda c: (c.rank, c.plainness), reverse=True)
    return candidates


def _hits(index, word):
    """The products a word points at: {entry: (strength, word position in the product, None for its category)}.

    By any form of the word, and by a category so called: a category said as written
    ("bloemen") keeps out products that only another reading of the ending reaches ("bloem").
    Then the compound heads of product words, the first part of a compound of two words
    ("tarwe" of "tarwebrood": as unsure as a guess, so it only chooses among products the
    other words name, and alone it asks), a category in another form, the kinds the glossary
    says the word covers ("kaas": goudse kaas), and last a spelling one typo away.
    """
    if word in index.hits:
        return index.hits[word]
    written = key(word)
    found = _by_forms(index, forms(word))
    for form in forms(word):
        for e, w in index.heads.get(form, ()):
            if e not in found and _splits_there(index.entries[e].words[w], form):
                found[e] = (FUZZY, w, 0, True) if w in index.entries[e].minor else (DERIVED, w)
    if any(hit[0] == STRONG for hit in found.values()):
        found = {e: _as_kind(hit) for e, hit in found.items()}
    for e, w, whole in index.fronts.get(written, ()):
        if whole and e not in found:
            found[e] = (FUZZY, w, 0, True)
    if written in index.categories:
        filed = index.categories[written]
        if written not in index.exact:
            found = {e: hit for e, hit in found.items() if e not in filed and hit[0] == DERIVED}
        for e in filed:
            found.setdefault(e, (CATEGORY, None))
        if len(filed) > 1:
            found = {e: _as_kind(hit) if e in filed else hit for e, hit in found.items()}
    if not found:
        found = {e: (CATEGORY, None) for form in forms(word) for e in index.categories.get(form, ())}
    if not found or all(len(hit) > 3 for hit in found.values()):
        found = _by_kind(index, word) or found  # the glossary's kind outweighs a mere first part ("heek": heekfilet)
    if not found and len(word) >= FUZZY_MIN and not (len(word) < LONG_WORD and known_word(word)):
        found = _fuzzy(index, word)
    if len(index.hits) >= HIT_CACHE:
        index.hits.clear()
    index.hits[word] = found
    return found


def _as_kind(hit):
    """A product reached by a word that names its category ("kaas", "eieren"): as surely named as one so called.

    A word that names a kind reaches "boerenkaas" as surely as "jonge kaas"; the part of the
    compound left unsaid ("boeren") counts as an unsaid word of its own, so "melk" is plain
    "melk" before it is "karnemelk".
    """
    strength, w = hit[:2]
    if w is None or strength < DERIVED:
        return hit
    return (STRONG, w, 1) if strength < STRONG else hit


def _splits_there(whole, tail):
    """Whether a product word is a compound of something and `tail`, not of words that cut `tail` apart.

    "achterham" is achter + ham; "afwasmiddel" is afwas + middel, so no kind of "wasmiddel"; a
    participle is not cut after its "ge": "schoongemaakt" is no kind of "maakt".
    """
    cut = next((c for c in range(1, len(whole)) if key(whole[c:]) == tail), None)
    if cut is None:
        return True
    front, back = whole[:cut], whole[cut:]
    if front.endswith("ge"):
        return False  # a participle: "schoongemaakt" is no kind of "maakt"
    return not any(known_word(front + back[:k]) and known_word(back[k:]) and back[k:] not in PLURALS
                   for k in range(2, len(back) - 1))


def _by_forms(index, word_forms):
    """Products named by any form of a word, each at the strongest form that reaches it.

    A word after a preposition in a product's name ("makreel met peper") says what the product
    has, not what it is: it reaches the product only as surely as a guess, so "peper" said alone
    is not that mackerel, but "makreel met peper" still chooses it.
    """
    found = {}
    for form, strength in word_forms.items():
        for e, w in index.exact.get(form, ()):
            hit = (FUZZY, w, 0, True) if w in index.entries[e].minor else (strength, w)
            if found.get(e, (0,))[0] < hit[0]:
                found[e] = hit
    return found


def _by_kind(index, word):
    """Products named by every word of a more specific kind the glossary says this word covers."""
    found = {}
    for target in lexicon().glossary.kinds.get((word,), ()):
        reached = [_by_forms(index, forms(t)) for t in target]
        for e in set(reached[0]).intersection(*reached[1:]):
            found.setdefault(e, (DERIVED, reached[-1][e][1]))
    return found


def _fuzzy(index, word):
    """Products whose words are one typo away (two for long words): `halvolle`, `krentebollen`, `beschiut`.

    A short word the language knows itself is that word: "kaars" is a candle, not a slip for
    "kaas". A long one may be a spelling of its own ("goudreinetten"). A word inside the other
    is another compound ("wasmiddel", "afwasmiddel"), not a slip, and so is a compound of two
    words of the language, unless only its first part slipped ("boerekaas": boerenkaas).
    """
    limit = 1 if len(word) < 9 else 2
    parts = _second_parts(word)
    found = {}
    for form, strength in forms(word).items():
        if strength < STRONG or len(form) < FUZZY_MIN:
            continue
        for close, _, _ in process.extract(form, index.vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=5):
            if parts and not any(close.endswith(part) and OSA.distance(close[: -len(part)], form[: -len(part)]) <= 1
                                 for part in parts if form.endswith(part)):
                continue  # a compound of two words is a word: "appelflappen" is no slip for "appelsap"
            if (close[0] == form[0] or len(form) >= 8) and not _one_in_the_other(close, form):
                for e, w in index.exact[close]:
                    found.setdefault(e, (FUZZY, w))
    return found


def _second_parts(word):
    """The last parts of a word made of two words of the language ("vaat" + "wasmiddel", "appel" + "flappen", "bloem" + "bol")."""
    return {key(word[cut:]) for cut in range(PART_MIN, len(word) - END_MIN + 1)
            if known_word(word[:cut]) and known_word(word[cut:])}


def _one_in_the_other(a, b):
    """Whether one word begins or ends the other and is shorter by a part of a word (two letters or more)."""
    short, long = sorted((a, b), key=len)
    return len(long) - len(short) >= 2 and (long.startswith(short) or long.endswith(short))


def _instructions_choose_only(index, words, hits, quantity):
    """A preparation word ("gesneden") chooses among the products the other words name, and names none alone.

    With a weight said it chooses only among goods weighed at the counter: "2 ons kaas gesneden"
    is cheese cut at the counter, not the prepacked sliced pack; with the pack said that a product
    so named comes in ("in plakjes, dat bakje") it is that pack.
    """
    lex = lexicon()
    said = [i for i, w in enumerate(words) if lex.role(w) == "instruction"]
    named = set().union(*(hits[i] for i in range(len(words)) if i not in said))
    weighed = quantity.measure is not None and quantity.measure.dim == "kg"
    for i in said:
        hits[i] = {e: hit for e, hit in hits[i].items()
                   if e in named and not (weighed and index.entries[e].product.unit != "kg")}
    packed = {e for i in said for e in hits[i] if quantity.pack and quantity.pack in index.entries[e].packs}
    if packed:  # "rookworst in plakjes, dat bakje": the prepacked sliced pack is asked for
        for i, found in enumerate(hits):
            hits[i] = {e: hit for e, hit in found.items() if e in packed}


def _describing_chooses_only(words, hits):
    """Beside a word that names products, a describing word ("schoongemaakt", "wit") only chooses among them.

    "twee scholletjes schoongemaakt" is plaice, whatever else is sold cleaned.
    """
    naming = [h for w, h in zip(words, hits) if h and not describing(w)]
    if not naming:
        return
    named = set().union(*naming)
    for i, word in enumerate(words):
        if hits[i] and describing(word):
            hits[i] = {e: hit for e, hit in hits[i].items() if e in named}


def _join_neighbours(index, words, hits):
    """Two words written apart that form one product word ("kip filet", "krop sla") cover both."""
    for i in range(len(words) - 1):
        joined = forms(words[i] + words[i + 1])
        for form, strength in joined.items():
            for e, w in index.exact.get(form, ()):
                hits[i] = {**hits[i], e: (STRONG, w)}
                hits[i + 1] = {**hits[i + 1], e: (STRONG, w)}
