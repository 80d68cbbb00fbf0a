"""A message cut into phrases: one thing asked for each, with its quantity and its content words."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from .lexicon import lexicon
from .numbers import number, spoken_english
from .quantity import Quantity, read
from .text import listed_pieces
from .words import describing, known_word

NOT_CONTENT = ("split", "preposition", "negation", "instruction", "signoff", "label")
MAX_ELEMENT_WORDS = 3
MAX_NAME_WORDS = 2
INTRODUCTIONS = ("hier", "here")
ABBREVIATION = 3
LIST_BREAKS = {"comma", "line", "bullet"}
DESCRIBING = ("weak", "default")
PRONOUNS = ("one", "ones")
NEGATION_ENDS = ("maar", "but", "alleen")
POINTING = ("de", "het", "die", "the")
HEAD_PART = 3
MAX_GREETING = 3
ONLY = ("alleen", "only", "just", "enkel", "slechts")
FILLERS = ("eh", "ehm", "uh", "uhm", "dan", "then", "maar")
PACKED_IN = ("in",)
LINE_STARTS = ("line", "bullet")
POLITE = ("graag", "please", "alstublieft", "aub")
ALTERNATIVES = (("anders",), ("otherwise",), ("zo", "niet"), ("or", "else"))


@dataclass
class Phrase:
    """One thing asked for: its tokens, the words that may name a product, and how much."""

    tokens: list = field(default_factory=list)
    kinds: list = field(default_factory=list)
    words: list = field(default_factory=list)
    opens: list = field(default_factory=list)
    quantity: Quantity = field(default_factory=Quantity)
    counted: bool = False
    listed: bool = False
    element: bool = False
    signature: bool = False
    carried: list = field(default_factory=list)
    refined: list = field(default_factory=list)
    run_on: bool = False
    refused: list = field(default_factory=list)
    alternative: bool = False
    on_its_line: bool = False

    @property
    def text(self) -> str:
        """The phrase as said, from its first quantity or word to its last."""
        marked = [i for i, k in enumerate(self.kinds) if k in ("word", "quantity")]
        return " ".join(self.tokens[marked[0] : marked[-1] + 1]) if marked else ""

    @property
    def named(self) -> str:
        """Just the words that name the thing, up to a modifier ("voor 12 personen", "van de apotheek")."""
        head = self._head()
        return " ".join(self.tokens[head[0] : head[-1] + 1]) if head else ""

    @property
    def cue(self) -> bool:
        """Whether something marks this as an item asked for (a quantity, or a place in a list)."""
        return self.counted or self.listed

    @property
    def unsold(self) -> str:
        """What this phrase asks for when no product fits it: a counted or listed thing, or a noun-like list element."""
        head = self._head()
        if not head or all(lexicon().role(self.tokens[i]) == "instruction" for i in head):
            return ""
        if self.cue:
            return self.named
        plain = not ({"instruction", "chatter"} & set(self.kinds))
        noun = any(lexicon().role(self.tokens[i]) not in DESCRIBING for i in head)
        name = self.signature and len(head) <= MAX_NAME_WORDS
        if self.element and plain and noun and not name and len(head) <= MAX_ELEMENT_WORDS:
            return self.named
        return ""

    def _head(self):
        """Positions of the naming words before the first modifier (a word after a preposition)."""
        head, w = [], 0
        for i, kind in enumerate(self.kinds):
            if kind == "word":
                if self.opens[w]:
                    break
                head.append(i)
                w += 1
        return head


def phrases(text: str, names=None) -> list[Phrase]:
    """The phrases of a message, greetings and sign-offs left out.

    `names` knows the catalogue's words: which two words written apart are one product word read
    backwards ("broodjes kaas") and which numbers belong to a product's name ("batterijen 312").
    """
    lex = lexicon()
    found = []
    signed = retracting = thing_said = False
    split = _abbreviations_joined(listed_pieces(text), lex)
    for n, (piece, before, after) in enumerate(split):
        titled = n > 0 and lex.role(split[n - 1][0][-1]) == "title"
        tokens = [t for t in _synonyms(_compounds(piece, names, lex), lex, names) if lex.role(t) != "approx"]
        if signed and not any(t[0].isdigit() for t in tokens):
            continue
        if n < 2 and _introduction(tokens):
            continue
        if n == 0:
            tokens = _caller_named(tokens, lex, names)
        tokens, alternative = _alternative(tokens)
        end = _signoff(tokens, lex)
        if end and n == 0 and all(t in lex.ignore for t in tokens[:end]):
            tokens = tokens[end + 1 :]  # "Hi love," "Hello dear": a greeting, the order follows
        elif end is not None:
            tokens, signed = tokens[:end], True
        corrected, piece_start = False, len(found)
        for part, correction in _corrected(tokens, lex):
            made = [p for chunk, listed in _chunks(part, lex) for p in _phrases(chunk, listed, lex, names)]
            for phrase in made:
                phrase.alternative = alternative
                phrase.on_its_line = (before in LINE_STARTS and len(found) == piece_start and phrase is made[0]
                                      and bool(phrase.tokens) and phrase.tokens[0] not in POINTING)
                phrase.element = bool({before, after} & LIST_BREAKS) and not titled
                phrase.signature = n == len(split) - 1 and before not in ("comma", "bullet") and not phrase.counted
            # "zes nee acht gehaktballen": what is taken back is an amount said on its own, not the thing before it
            taken_back = retracting and (thing_said or not (made and made[0].words))
            absorbed = False
            refused = _refuse(found, made)
            if not (taken_back and not refused and _retract(found, made)):
                absorbed = _amount_alone(found, made)
            retracting = retracting and not made
            thing_said = (bool(made[-1].words) or absorbed) if made else thing_said
            if taken_back and _only(part, lex) and len(made) == 1 and made[0].words:
                # "een slagroomtaart en een appeltaart of nee alleen de appeltaart": the rest of this breath is taken back
                before = next((p for p in found[piece_start:] if p.words == made[0].words), None)
                if before is not None and not made[0].counted:
                    made[0] = before  # "drie appeltaarten ... of nee alleen de appeltaarten": as many as said
                del found[piece_start:]
            found.extend(p for p in made if p.words)
            if correction == "cancel" and found:
                found.pop()
            elif correction == "replaces" and len(found) >= 2 and made and made[-1].words and not corrected:
                del found[-2]  # not when a correction came just before: "suiker nee suikerbrood bedoel ik"
            corrected = bool(correction)
            retracting = correction == "retract" or (retracting and correction != "cancel")
    _carry_nouns(found, lex)
    return _without_repeats(_refinements(found))


def _alternative(tokens):
    """The tokens without an opening that offers them instead of what came before ("anders een bakje morellen",
    "otherwise the small one"), and whether there was one."""
    for opening in ALTERNATIVES:
        if tuple(tokens[: len(opening)]) == opening:
            return tokens[len(opening) :], True
    return tokens, False


def _only(part, lex):
    """Whether a part starts, after small words, with "alleen" or "only": what it names is all that is wanted."""
    first = next((t for t in part if lex.role(t) != "filler" and t not in FILLERS), "")
    return first in ONLY


def _abbreviations_joined(split, lex):
    """Pieces cut at the full stop of a unit's abbreviation ("2 st. gehaktballen", "200 gr. kipfilet") joined again."""
    joined = []
    for tokens, before, after in split:
        if joined and joined[-1][2] == "end" and _abbreviated_amount(joined[-1][0], lex) and number(tokens[0]) is None:
            last, first, _ = joined.pop()
            joined.append((last + tokens, first, after))
        else:
            joined.append((tokens, before, after))
    return joined


def _abbreviated_amount(tokens, lex):
    """Whether a piece ends in a number and a unit's abbreviation ("2 st", "200 gr", "1 pk")."""
    return len(tokens) >= 2 and number(tokens[-2]) is not None and tokens[-1] in lex.units and len(tokens[-1]) <= ABBREVIATION


def _without_repeats(found):
    """A thing said twice in a row ("beschuit, eh, beschuit", "beschuit, twee beschuit") is one thing.

    Counted both times ("1 komkommer, 1 komkommer") it is written out twice, and stays twice;
    said again later without an amount ("... dan alleen de tulpen") it is the thing asked for before;
    said again in one breath, with no list break ("een appeltaart een hele appeltaart"), it is
    one, as said the second time.
    """
    kept = []
    for phrase in found:
        if kept and phrase.run_on and _said_again(kept[-1].words, phrase.words):
            kept[-1] = phrase  # said again in one breath ("een rookworst een rookworst"): the later words
            continue
        if kept and kept[-1].words == phrase.words and not (kept[-1].counted and phrase.counted):
            if phrase.counted:
                kept[-1] = phrase
            continue
        if not phrase.counted and any(k.words == phrase.words for k in kept):
            continue  # "een bos tulpen en bonbons, nee, dan alleen de tulpen": the tulips asked for already
        kept.append(phrase)
    return kept


def _said_again(before, words):
    """Whether words name the thing said just before, perhaps saying more of it ("een appeltaart een hele appeltaart").

    Describing words that differ ("een halfje wit een halfje bruin") make it another thing.
    """
    naming = [w for w in words if not describing(w)]
    return naming == [w for w in before if not describing(w)] and (set(before) <= set(words) or set(words) <= set(before))


def _corrected(tokens, lex):
    """The tokens cut at a self-correction ("nee wacht", "die hoeft niet"): each part with the correction after it, or ""."""
    longest = max(map(len, lex.corrections))
    part, i = [], 0
    while i < len(tokens):
        sizes = range(min(longest, len(tokens) - i), 0, -1) if tokens[i] in lex.correction_words else ()
        for size in sizes:
            correction = lex.corrections.get(tuple(tokens[i : i + size]))
            if correction:
                yield part, correction
                part, i = [], i + size
                break
        else:
            part.append(tokens[i])
            i += 1
    yield part, ""


def _refuse(found, made):
    """What "geen" or "niet" says of a thing asked for before it ("een broccoli, nee toch geen broccoli") takes it back.

    Whether it took something back.
    """
    taken = False
    for phrase in made:
        if not phrase.refused:
            continue
        said = next((p for p in reversed(found) if set(phrase.refused) <= set(p.words)), None)
        if said is not None:
            found.remove(said)
            taken = True
    return taken


def _retract(found, made):
    """What is said after "of nee" replaces what came before: an amount alone its amount, a thing the thing.

    Said after a list word ("nee, en ook kaas") it is one more thing, and replaces nothing.
    """
    if not found or not made:
        return False
    amount_only = not made[0].words or all(describing(w) for w in made[0].words)  # "nee, een hele liter"
    if made[0].counted and amount_only and not made[0].listed:
        found[-1].quantity, found[-1].counted = _corrected_amount(found[-1].quantity, made[0].quantity), True
        del made[0]
        return True
    if made[0].words and not made[0].listed:
        found.pop()
        return True
    return False


def _corrected_amount(before, said):
    """The amount a correction says: a bare number keeps the unit it corrects ("tweehonderd gram, nee driehonderd")."""
    if said.measure is None and said.count is not None and before.measure is not None and before.measure.per:
        return Quantity(measure=before.measure.recounted(said.count))
    return said


def _amount_alone(found, made):
    """An amount said alone ("batterijen 13, twee pakjes", "kaas naturel ook 1 ons", "kippenbouten graag. Ongeveer
    een kilo denk ik") counts the thing before it, and so does one after a thing counted only by its article ("a skate
    wing, about 400 grams"); a weight after a number of pieces is what they weigh ("4 speklappen, 600 gram").

    Whether the last of them did.
    """
    before = found[-1] if found else None
    absorbed = False
    for phrase in made:
        alone = phrase.counted and not phrase.words and _amount_first(phrase)
        article = before is not None and _article_only(before)
        absorbed = alone and before is not None and (not before.counted or article)
        size = _size_alone(phrase)
        if absorbed:
            said = phrase.quantity.merged(before.quantity) if article else before.quantity.merged(phrase.quantity)
            before.quantity = said.settled()
            before.counted = True
        elif alone and before is not None and _weight_of_pieces(before.quantity, phrase.quantity):
            before.quantity = Quantity(measure=phrase.quantity.measure)  # "4 speklappen, ongeveer 600 gram": 600 gram
            absorbed = True
        elif size is not None and before is not None and before.quantity.spec is None:
            before.quantity = replace(before.quantity, spec=size)  # "een zak aardappelen, die van 5 kilo"
        before = phrase if phrase.words else before
    return absorbed


def _amount_first(phrase):
    """Whether a phrase opens with its amount, perhaps after "graag" ("graag een kilo", "een kilo denk ik"), and holds
    no instruction: not "eh zes" (a number before a correction) nor "voor ons 50 jarig huwelijk"."""
    at = 1 if phrase.tokens[0] in POLITE else 0
    return phrase.kinds[at : at + 1] == ["quantity"] and "instruction" not in phrase.kinds


def _weight_of_pieces(counted, said):
    """Whether a weight said alone after a number of pieces is what they weigh together ("4 speklappen, ongeveer 600
    gram", "3 chicken breasts, roughly 450 grams total")."""
    weight = said.measure is not None and said.measure.dim == "kg" and said.count is None
    return weight and counted.count is not None and counted.measure is None and not counted.pack


def _article_only(phrase):
    """Whether a phrase is counted by nothing but its article ("a rabbit leg", "een konijnenbout"), so an amount after it says how much."""
    said = phrase.quantity
    quantities = [t for t, k in zip(phrase.tokens, phrase.kinds) if k == "quantity"]
    return quantities == quantities[:1] and quantities[:1] in (["een"], ["a"], ["an"]) and said.count == 1 and said.measure is None


def _size_alone(phrase):
    """The size a phrase of no naming words says of the thing before it ("die van 5 kilo", "the 5 kilo one"), or None."""
    said = phrase.quantity
    if phrase.words or not phrase.counted:
        return None
    if said.spec is not None:
        return said.spec
    return said.measure if said.measure is not None and phrase.tokens[-1] in PRONOUNS else None


def _carry_nouns(found, lex):
    """A counted phrase of describing words only ("2 witte bollen en 2 bruine") may mean the noun before it, or the
    noun of the like phrase after it ("2 witte en 2 bruine bollen"); in a row ("1 rood, 1 geel") the noun they all mean."""
    for n, phrase in enumerate(found):
        if not (phrase.cue and all(lex.role(w) in DESCRIBING for w in phrase.words)):
            continue
        after = found[n + 1] if n + 1 < len(found) else None
        if after is not None and after.listed and any(lex.role(w) in DESCRIBING for w in after.words):
            nouns = [w for w in after.words if lex.role(w) not in DESCRIBING]
            if nouns:
                phrase.carried = nouns
                continue
        if n:
            before = found[n - 1]
            phrase.carried = [w for w in before.words if lex.role(w) not in DESCRIBING] or before.carried


def _refinements(found):
    """Describing words said after a thing, with no list word ("pleisters, de waterdichte", "een boeket, groot graag"),
    say which of it: they refine the thing before them instead of being a thing of their own; on a line of their own
    ("wit brood" then "bruin half") they are a thing of their own, unless they point back ("de kleine is goed").

    Counted ("1 bruin half", "2 witte bollen, 2 bruine") they are a second thing, unless the count
    is only a pronoun or a pack word ("the small one", "de kleine zak") or an amount said after them
    ("cheese, mature, 300 grams": the amount is the cheese's), and after "en"
    the words carry the noun before them instead (`_carry_nouns`). Said after a preposition
    ("1 vol. Voor de hele week") they describe something else, not the thing. One of a plain
    variant said in the same breath ("een appeltaart een hele") says which of the thing it is.
    """
    kept = []
    for phrase in found:
        before = kept[-1] if kept else None
        later = phrase.counted and "quantity" not in phrase.kinds  # "kaas, jong, 300 gram": the amount came after
        plain_again = before is not None and _plain_again(phrase)
        if (before is not None and not ((phrase.listed and not plain_again) or before.refined or phrase.on_its_line)
                and (not phrase.counted or later or _pronoun(phrase) or plain_again)
                and all(map(describing, phrase.words)) and not all(phrase.opens)):
            before.refined = phrase.words
            if later and not before.counted:
                before.quantity, before.counted = phrase.quantity, True
            continue
        kept.append(phrase)
    return kept


def _plain_again(phrase):
    """Whether a phrase is one of the unmarked variant said in one breath after a thing ("een appeltaart een hele")."""
    said = phrase.quantity
    return (phrase.run_on and said.measure is None and said.count in (None, 1) and not said.pack
            and not any(t[0].isdigit() for t in phrase.tokens)
            and all(lexicon().role(w) == "default" for w in phrase.words))


def _pronoun(phrase):
    """Whether a phrase is counted only by a pronoun or a pack word ("the small one", "de kleine zak"), no number said."""
    said = phrase.quantity
    if said.measure is not None or said.count not in (None, 1) or any(t[0].isdigit() for t in phrase.tokens):
        return False
    return phrase.tokens[-1] in PRONOUNS or bool(said.pack)


def _compounds(tokens, names, lex):
    """Two words that are one product word read backwards ("broodjes kaas": kaasbroodjes) or written apart before a
    pack word ("vuilnis zakken") joined, and one word that is two words of a product name ("bruinbrood": bruin brood) cut."""
    if names is None:
        return tokens
    out, i = [], 0
    while i < len(tokens):
        pair = tokens[i : i + 2]
        joined = names.compound(*pair) if len(pair) == 2 and all(_is_content(t, lex) for t in pair) else None
        if not joined and len(pair) == 2 and _is_content(pair[0], lex) and lex.unit_kind(pair[1]) in ("pack", "piece"):
            joined = names.joined(*pair)  # "vuilnis zakken": vuilniszakken, a product word with a pack word at its end
        parts = None if joined or not _is_content(tokens[i], lex) else names.parts(tokens[i])
        out.extend([joined] if joined else parts or [tokens[i]])
        i += 2 if joined else 1
    return out


def _synonyms(tokens, lex, names):
    """Tokens with cue phrases ("heeft u") and the glossary's words read as this catalogue's words (longest first).

    A variant word becomes its canonical form ("in plakken": sliced). A word with meanings
    ("mince": gehakt) becomes the first meaning the catalogue knows as a word, else the first it
    knows as the start of one ("cod": kabeljauw of kabeljauwfilet), unless the catalogue calls something by the word
    as said: a product or category so named, or a word of the language that begins or ends a
    compound here ("tarwe" of "tarwebrood", "ham" of "achterham"; a foreign or clipped word,
    "old", "deo", is still read as meant). So a village that sells "haddock" under that name keeps it.
    """
    glossary = lex.glossary
    longest = max(glossary.longest, max(map(len, lex.cues)))
    out, i = [], 0
    while i < len(tokens):
        longest_here = min(longest, len(tokens) - i) if tokens[i] in lex.opening_words else 1
        for size in range(longest_here, 0, -1):
            said = tuple(tokens[i : i + size])
            replacement = (lex.cues.get(said) or _meaning(said, glossary, lex, names) or _slipped(said, glossary, lex, names)
                           or _other_head(said, glossary, lex, names))
            if replacement:
                out.extend(replacement)
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _meaning(said, glossary, lex, names):
    """What the glossary reads a phrase as here, or None: its canonical variant word, or its meaning."""
    if len(said) == 1 and (said[0] in lex.units or number(said[0]) is not None or lex.role(said[0]) in NOT_CONTENT):
        return None
    modifier = glossary.modifiers.get(said)
    if modifier:
        return (modifier,)
    meanings = glossary.meanings(said)
    if not meanings or names is None:
        return meanings[0] if meanings else None
    clipped = next((m for m in meanings if len(said) == len(m) == 1 and m[0].startswith(said[0]) and names.knows(m[0])), None)
    if clipped and not names.knows(said[0]):
        return clipped  # "deo" is the deoroller sold here, though the word begins it
    if all(names.calls(w) or ((names.begins(w) or names.knows(w)) and known_word(w)) for w in said):
        return None
    def covers(w):  # a kind the glossary knows, of which a product here is one ("stewing steak": runderlappen)
        return names.knows(w) or any(all(names.knows(t) for t in target) for target in glossary.kinds.get((w,), ()))

    # a kind only when the words read one by one would not all be read ("stewing" is no word of its own; "brown loaf" is)
    unread = any(not glossary.meanings((w,)) and not names.knows(w) for w in said)
    for reached in (names.knows, lambda w: names.knows(w) or names.begins(w), covers if unread else None):
        if reached is None:
            break
        meaning = next((m for m in meanings if all(reached(w) for w in m if _is_content(w, lex))), None)
        if meaning:
            return meaning
    return None


def _other_head(said, glossary, lex, names):
    """A compound whose last part is another word for a word of this catalogue ("krentenstoet": krentenbrood,
    "wittestoet": wit brood), read with that word, when the catalogue knows the compound so made and not as said."""
    word = said[0]
    if len(said) != 1 or names is None or len(word) < 2 * HEAD_PART or not word.isalpha() or names.knows(word):
        return None
    for cut in range(HEAD_PART, len(word) - HEAD_PART + 1):
        meant = [m[0] for m in glossary.meanings((word[cut:],)) if len(m) == 1]
        for head in meant:
            made = word[:cut] + head
            if names.knows(made):
                return (made,)
            parts = names.parts(made)
            if parts:
                return parts
    return None


def _slipped(said, glossary, lex, names):
    """What a word means that is a slip of the pen for a glossary word ("strawberies"), when this catalogue does not know it as said."""
    if len(said) != 1 or names is None:
        return None
    meant = glossary.slip(said[0])
    if not meant or names.knows(said[0]) or names.close(said[0]):
        return None
    return _meaning((meant,), glossary, lex, names)


def _caller_named(tokens, lex, names):
    """A call's opening with the caller's name left out ("hallo met Hillechien eh ...", "ja met mevrouw Houben ik
    wil ..."): after greeting words only, "met" and up to two names that are no words of the catalogue as said
    ("Jaantje" is no "Jan Hagel")."""
    for i, token in enumerate(tokens[:MAX_GREETING + 1]):
        if token == "met":
            break
        if token not in lex.ignore:
            return tokens
    else:
        return tokens
    j = i + 1
    while j < len(tokens) and lex.role(tokens[j]) == "title":
        j += 1
    named = 0
    while j < len(tokens) and named < MAX_NAME_WORDS and tokens[j] not in lex.ignore and tokens[j].isalpha() \
            and lex.role(tokens[j]) not in NOT_CONTENT and not (names is not None and names.knows_as_said(tokens[j])):
        j, named = j + 1, named + 1
    ended = j == len(tokens) or tokens[j] in lex.ignore
    return tokens[j:] if named and ended else tokens


def _introduction(tokens):
    """Whether a piece only says who writes ("Wilma Tulp hier", "Peter here"): a name, never a product."""
    return len(tokens) <= MAX_NAME_WORDS + 1 and tokens[-1] in INTRODUCTIONS


def _signoff(tokens, lex):
    """Where a sign-off starts ("groetjes Truus", "dank je wel"), or None; "200 gr" is grams, and a sign-off word with
    an amount after it orders ("alvast een pot kippensoep", not "alvast bedankt")."""
    for i, token in enumerate(tokens):
        if lex.role(token) != "signoff" or (i and number(tokens[i - 1]) is not None):
            continue
        if not (i + 1 < len(tokens) and read(tokens, i + 1) is not None):
            return i
    return None


def _chunks(tokens, lex):
    """Tokens cut at list words ("en", "ook", "and"), each with whether it follows one."""
    chunk, listed = [], False
    for i, token in enumerate(tokens):
        if lex.role(token) == "split" and not _inside_number(tokens, i, lex):
            if chunk:
                yield chunk, listed
            chunk, listed = [], True
        else:
            chunk.append(token)
    if chunk:
        yield chunk, listed


def _inside_number(tokens, i, lex):
    """Whether `en` joins a number or a unit and a half ("twee en een halve kilo", "one and a half", "a kilo
    and a half") or is part of a number ("three hundred and fifty")."""
    if i > 0 and i + 1 < len(tokens) and spoken_english(tokens[i - 1 : i + 2], 0):
        return True
    after = tokens[i + 1 : i + 3]
    unit = lex.units.get(after[1]) if len(after) == 2 else None
    said = i > 0 and (number(tokens[i - 1]) is not None or lex.unit_kind(tokens[i - 1]) in ("mass", "volume"))
    return said and after[:1] in (["een"], ["a"], ["an"]) and bool(unit) and unit.kind == "half"


def _phrases(chunk, listed, lex, names=None):
    """Phrases in a chunk: a new one starts where a quantity follows words and more words follow it."""
    ahead = _content_ahead(chunk, lex)
    current = Phrase(listed=listed)
    found = [current]
    pending_open = negated = False
    negated_at = 0
    i = 0
    while i < len(chunk):
        token = chunk[i]
        if lex.role(token) == "label" and i + 1 < len(chunk) and number(chunk[i + 1]) is not None:
            _add(current, [token], "other")
            _add_word(current, _digits(chunk[i + 1]), pending_open)
            pending_open = False
            i += 2
            continue
        quantity = read(chunk, i)
        if quantity and pending_open and lex.role(chunk[i - 1]) == "preposition":
            if chunk[i - 1] in PACKED_IN and _pack_only(quantity[0]):  # "drie liter appelsap in flessen": bottles
                current.quantity = current.quantity.merged(quantity[0])
            _add(current, [token], "other")
            i += 1
            continue
        if quantity and _in_name(current, chunk, i, quantity, names):
            _add_word(current, token, False)
            i += 1
            continue
        if quantity and _number_before_name(chunk, quantity, names, lex):
            q, j = quantity  # "a 9 volt battery": the 9 is the name's, the article the count
            if j - 1 > i:
                counted = read(chunk[: j - 1], i)
                if counted:
                    current.quantity, current.counted = current.quantity.merged(counted[0]), True
                    _add(current, chunk[i : j - 1], "quantity")
            _add_word(current, chunk[j - 1], False)
            i = j
            continue
        size = _named_size(current, chunk, i, quantity, names) if quantity else None
        if size:
            _add(current, [token], "other")
            _add_word(current, size, False)
            i += 2
            continue
        if quantity:
            q, j = quantity
            if negated and i > negated_at + 1:  # "nee niet de slager haha, een bos narcissen": a new thing
                negated = pending_open = False
            counted_again = current.counted and number(token) is not None  # "2x bruin heel 1 pk roomboter"
            if current.words and ahead[j] and q.spec is None and (counted_again or not all(map(describing, current.words))):
                current = Phrase(listed=True, run_on=True)
                found.append(current)
                pending_open = negated = False
            current.quantity = _sized(current.quantity, q).merged(q)
            current.counted = True
            _add(current, chunk[i:j], "quantity")
            i = j
            continue
        if _letter_in_name(current, token, names):
            _add_word(current, token, False)
            i += 1
            continue
        role = lex.role(token)
        if negated and token in NEGATION_ENDS:  # "geen lasagne maar een stoverij"
            negated = pending_open = False
            _add(current, [token], "other")
            i += 1
            continue
        if role in ("preposition", "negation"):
            pending_open = True
            if role == "negation" and not negated:
                negated, negated_at = True, i
            _add(current, [token], "other")
        elif (_is_content(token, lex) or _named_instruction(token, lex, names) or _named_unit(token, lex, names)
              or _named_chatter(chunk, i, current, lex, names)) and not negated:
            _add_word(current, token, pending_open)
            pending_open = False
        else:
            if negated and _is_content(token, lex):
                current.refused.append(token)
            _add(current, [token], _kind(token, lex))
        i += 1
    for phrase in found:
        phrase.quantity = phrase.quantity.settled()
    return found


def _pack_only(said):
    """Whether a quantity is a pack word and nothing more ("flessen", "tins")."""
    return bool(said.pack) and said.count is None and said.measure is None and said.spec is None


def _sized(said, then):
    """A measure followed by a count of packs is the size of each ("vuilniszakken 60 liter 2 rollen": two rolls of
    the 60-liter bags, "aardappelen 5 kilo, 2 zakken"), not an amount of its own."""
    counts = then.count is not None or (then.measure is not None and then.measure.dim == "pc")
    if said.measure is None or said.measure.dim == "pc" or said.count is not None or said.spec is not None or not counts:
        return said
    return replace(said, spec=said.measure, measure=None)


def _digits(token):
    """A number after a label as a product name writes it: "type dertien" is type 13."""
    value = number(token)
    return str(int(value)) if value is not None and not token[0].isdigit() and value == int(value) else token


def _letter_in_name(phrase, token, names):
    """Whether a single letter right after a product word is part of its name ("vitamine d")."""
    return (
        names is not None
        and len(token) == 1
        and token.isalpha()
        and bool(phrase.kinds)
        and phrase.kinds[-1] == "word"
        and names.numbered(phrase.words, token)
    )


def _in_name(phrase, chunk, i, quantity, names):
    """Whether a bare number right after a product word is part of its name ("batterijen 312")."""
    q, j = quantity
    return (
        names is not None
        and j == i + 1
        and chunk[i][0].isdigit()
        and q.count is not None
        and bool(phrase.kinds)
        and phrase.kinds[-1] == "word"
        and names.numbered(phrase.words, chunk[i])
    )


def _number_before_name(chunk, quantity, names, lex):
    """Whether a bare number just read is the first part of a name with the word after it ("9 volt", "a 9 volt battery")."""
    q, j = quantity
    if names is None or q.count is None or q.measure is not None or q.pack or j >= len(chunk):
        return False
    number_token, after = chunk[j - 1], chunk[j]
    return (number_token[0].isdigit() and after.isalpha() and after not in lex.units
            and names.numbered([after], number_token))


def _named_size(phrase, chunk, i, quantity, names):
    """The number of a name said as a size ("paracetamol van vijfhonderd": the 500 mg), or None."""
    q, j = quantity
    if names is None or chunk[i] not in ("van", "of") or j != i + 2 or q.spec is None or q.spec.label != "stuks":
        return None
    said = _digits(chunk[i + 1]) if not chunk[i + 1][0].isdigit() else chunk[i + 1]
    if phrase.kinds and phrase.kinds[-1] == "word" and names.numbered(phrase.words, said):
        return said
    return None


def _kind(token, lex):
    """What a token that names nothing is: an instruction, chatter, or just a small word."""
    role = lex.role(token)
    if role == "instruction":
        return "instruction"
    if token in lex.ignore and role not in ("filler", "split"):
        return "chatter"
    return "other"


def _add(phrase, tokens, kind):
    """Record tokens of a phrase with what they are."""
    phrase.tokens.extend(tokens)
    phrase.kinds.extend([kind] * len(tokens))


def _add_word(phrase, word, opened):
    """Record a content word, and whether a preposition stands before it."""
    _add(phrase, [word], "word")
    phrase.words.append(word)
    phrase.opens.append(opened)


def _content_ahead(chunk, lex):
    """For each position, whether a content word comes at or after it."""
    ahead = [False] * (len(chunk) + 1)
    for i in range(len(chunk) - 1, -1, -1):
        ahead[i] = ahead[i + 1] or _is_content(chunk[i], lex)
    return ahead


def _named_instruction(token, lex, names):
    """Whether a preparation word is part of a product's name here ("ossenworst voorgesneden"), so it may choose that pack."""
    return lex.role(token) == "instruction" and names is not None and names.names(token)


def _named_unit(token, lex, names):
    """Whether a pack or piece word not read as an amount is a whole product's name here ("een zak rolletjes")."""
    return (names is not None and lex.unit_kind(token) in ("pack", "piece") and len(token) >= 4
            and names.names(token))


def _named_chatter(chunk, i, phrase, lex, names):
    """Whether a word that is mostly chatter or a verb ("fijn", "zult") is a word of a product name here and stands
    beside what is ordered: "2 ons zult", "zult 2 ons", "fijne bulgur", "bulgur fijn", "..., de fijne" (not "fijn, dank
    u")."""
    token = chunk[i]
    if names is None or token not in lex.ignore or lex.role(token) or len(token) < 3 or not names.names(token):
        return False
    pointed = i > 0 and chunk[i - 1] in POINTING  # "..., de fijne": which of the thing before
    counted_after = i + 1 < len(chunk) and read(chunk, i + 1) is not None  # "zult 2 ons"
    return ((i + 1 < len(chunk) and _is_content(chunk[i + 1], lex)) or bool(phrase.words) or phrase.counted or pointed
            or counted_after)


def _is_content(token, lex):
    """Whether a token may name a product: no chatter, number, unit, street or function word."""
    return (
        len(token) >= 2
        and token not in lex.ignore
        and (token not in lex.units or lex.units[token].kind == "half")
        and lex.role(token) not in NOT_CONTENT
        and number(token) is None
        and not token.endswith(lex.address_suffixes)
    )
