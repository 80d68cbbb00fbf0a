"""Order understanding: Dutch (and English) free text and speech transcripts become catalogue items.

How a message flows through it:

1. `text.plain` makes the text lower-case ASCII; emoji become line breaks, control characters and
   other scripts go. `text.listed_pieces` cuts it at line breaks, bullets and punctuation (a comma
   between digits stays a decimal comma) into token lists, each with whether a list break (comma,
   line, bullet) or a sentence end stands beside it.
2. `segment.phrases` reads each piece: the glossary (`glossary.py`, `lexicon/glossary.tsv`: words
   of the language, never of one village) reads regional and English words as the words this
   catalogue uses, and variant words as their canonical form ("in plakken": sliced); questions
   ("heeft u") read as "ook" (`lexicon/cues.tsv`). A self-correction (`lexicon/corrections.tsv`:
   "nee wacht, die hoeft niet", "of nee, doe maar twee") takes back or replaces what came just
   before it, and a thing said twice in a row is one thing. A sign-off ("groetjes Truus") ends the piece,
   list words ("en", "ook", "and") cut it, and a quantity that follows words and is followed by
   more words starts a new phrase, so run-on speech ("2 liter volle melk 2 liter karnemelk")
   splits too. `quantity.read` takes numbers in digits and words (any size: "honderdvijftig"
   through text2num, in English too: "three hundred and fifty"; "een stuk of 4", "anderhalve", "a dozen",
   "a kilo and a half"), units (ons, pond, gram, kilo, liter), pack words (zak, doos, pak, bos) and pack
   sizes ("van 10"). Chatter and function words (`lexicon/ignore.txt`), instructions
   ("gesneden", "bezorgen", unless a product is so named), streets and what follows "niet"/"geen" never name a product.
   With the catalogue's help (`match.Names`) two words that are one product word said backwards
   are joined ("broodjes kaas": kaasbroodjes), and a bare number right after a product word is
   part of the name when a product so named has it ("batterijen 312"), not a count; a piece that
   is only an amount ("..., twee pakjes") counts the thing before it. A counted phrase of
   describing words only ("2 witte bollen en 2 bruine") may mean the noun before it.
3. `match.match` looks each content word up in the catalogue's index (`index.index_for`, built
   once per catalogue and cached): by word form, so plurals and diminutives meet
   (`words.forms`, with the Dutch lemma from simplemma: "kazen" is "kaas"); by category ("kaas"
   covers every cheese, and "bloemen" said as written is not the "bloem" of flour); by compound
   head as written ("ham" in "achterham", but "bloem" is not the "bloemen" of "zonnebloemen");
   by the kinds the glossary names; across a split ("kip filet") and,
   failing all that, one typo away (rapidfuzz, a swapped letter one slip) for a word the language
   does not know itself ("kaars" is no slip for "kaas"). Products are ranked by how many words they
   cover and how surely, whether the quantity fits them (`quantity.for_product`: "2 liter" of a
   1-liter pack is 2, "zes eieren" one box of six, weighed goods in kilograms), whether the pack
   word fits, and then by how few of their own marked words went unsaid, so the plainly named
   product beats its variants; when no product is the plain one ("kaas" for three named cheeses)
   the word names a kind and all of them are offered. A phrase whose last word (its head, as in
   a compound: "lijnzaad olie") is a noun no product has is not sold, whatever its first word
   matches. One clear winner becomes an `Item`; a tie is an `Unclear`
   question with the best few candidates (the conversation may answer it from the resident's own
   orders: `orders/usual.py`; `dorpslijn parse` never does); an absurd or
   unusable amount is an `Unclear` about the quantity; words that match nothing go to
   `not_found` when the phrase reads as an order (`Phrase.unsold`): it has a quantity or follows
   "en"/"ook"/"heeft u", or it is a noun-like element of a comma or line list (a few words, no
   chatter or instruction, not the lone name on the last line, not after "mevr."). The words
   named stop at a modifier ("voor 12 personen"). They are never matched to a nearest-sounding
   product. Words left over beside a match ("... en een kaartje") are matched on their own,
   unless they follow a preposition ("kipfilet voor op brood").
4. `understand` reads the first 2,000 characters, collects the outcomes in order and stops after 30; `stream.parse_stream` wraps
   it for `dorpslijn parse`, one JSON line per input line, never raising on bad input.
"""
from __future__ import annotations

from .index import index_for
from .lexicon import lexicon
from .match import FUZZY, LONG_WORD, Names, Outcome, match
from .model import Item, Unclear, Understanding
from .quantity import Quantity
from .segment import phrases
from .text import plain
from .words import STRONG, describing
from .stream import parse_stream

__all__ = ["understand", "named", "parse_stream", "Understanding", "Item", "Unclear"]

MAX_ITEMS = 30
# What is read of a message: thirty items said at length fit in far less, and a longer text (a
# letter, a paste) is not read further, so that no message costs more than this much reading.
MAX_TEXT = 2_000


def understand(text: str, catalogue) -> Understanding:
    """What a message asks for from this catalogue: items, questions and things not sold."""
    index = index_for(catalogue)
    outcomes, asked = [], []
    for phrase in phrases((text or "")[:MAX_TEXT], Names(index)):
        if len(asked) > MAX_ITEMS:
            break
        for outcome in _outcomes(index, phrase):
            outcomes.append(outcome)
            if outcome.item or outcome.unclear:
                asked.append(outcome)
    result = Understanding(truncated=len(asked) > MAX_ITEMS)
    for outcome in asked[:MAX_ITEMS]:
        if outcome.item:
            result.items.append(outcome.item)
            result.units[outcome.item.sku] = catalogue.get(outcome.item.sku).unit
        else:  # a product the village also calls by a word of its own is offered once
            unclear = outcome.unclear
            result.unclear.append(Unclear(unclear.text, list(dict.fromkeys(unclear.candidates)), unclear.quantity,
                                          unclear.reason))
    result.not_found = list(dict.fromkeys(o.not_found for o in outcomes if o.not_found))
    return result


def named(text: str) -> str:
    """The words of a text that name a thing, as understanding reads them: "2 bossche bollen" is "bossche bollen"."""
    found = phrases((text or "")[:MAX_TEXT])
    return " ".join(found[0].words) if found else " ".join(plain(text or "").split())


def _outcomes(index, phrase):
    """The outcome of a phrase, and of words left over beside its match."""
    head = _head_words(phrase)
    outcome = match(index, phrase.words, phrase.quantity, phrase.text, len(head) - 1 if head else None)
    if phrase.refined:
        refined = match(index, phrase.words + phrase.refined, phrase.quantity, phrase.text)
        outcome = refined if refined.item or refined.unclear else outcome
    if phrase.carried:  # "2 witte bollen en 2 bruine": bruine bollen, even though "bruin" alone is a loaf
        carried = match(index, phrase.words + phrase.carried, phrase.quantity, phrase.text)
        whole = len(carried.used) == len(phrase.words) + len(phrase.carried)
        outcome = carried if carried.item and (whole or not outcome.item) else outcome
    if not (outcome.item or outcome.unclear) or _another_head(index, phrase, outcome):
        if phrase.unsold:
            yield Outcome(not_found=phrase.unsold)
        return
    if not phrase.cue and _unsure_alone(phrase.words, outcome) and not _slip_in_a_list(phrase, outcome):
        if outcome.sureness == FUZZY and outcome.item:
            yield Outcome(unclear=Unclear(phrase.text, [outcome.item.sku], None, "unknown"))
        return
    yield outcome
    if outcome.unclear and outcome.unclear.reason == "unknown":
        return  # the words beside it describe the thing asked about ("zwarte bonen"), no second thing
    for run in _leftover_runs(phrase, outcome.used):
        extra = match(index, run, Quantity(), " ".join(run))
        if (extra.item and extra.sureness == STRONG) or (extra.unclear and extra.unclear.reason == "ambiguous"):
            yield extra


def _slip_in_a_list(phrase, outcome):
    """Whether a list element is one long word a letter off a product ("beschuitt" on its own line): that product."""
    (i,) = outcome.used
    return phrase.element and len(phrase.words) == 1 and outcome.sureness == FUZZY and len(phrase.words[i]) >= LONG_WORD


def _another_head(index, phrase, outcome):
    """Whether the phrase ends in a noun no product has, so the product matched only describes it.

    In "lijnzaad olie" the thing is oil ("olie", the head, said last as in a compound); the
    linseed the market sells is not it. A describing last word ("kruimig", "gebrand") is no head.
    """
    head = _head_words(phrase)
    last = len(head) - 1
    if last < 1 or last in outcome.used or not any(i < last for i in outcome.used):
        return False
    return not (index.knows(head[last]) or describing(head[last]))


def _head_words(phrase):
    """The words that name the thing, before a modifier ("kipfilet voor op brood": kipfilet)."""
    return phrase.words[: phrase.opens.index(True)] if True in phrase.opens else phrase.words


def _unsure_alone(words, outcome):
    """Whether an unmarked phrase rests on one describing word or one guessed spelling (a name: "de Jong", "Geesje").

    A guessed spelling is asked about rather than ordered; a lone describing word is dropped.
    """
    if len(outcome.used) != 1:
        return False
    (i,) = outcome.used
    return lexicon().role(words[i]) in ("weak", "default") or outcome.sureness == FUZZY


def _leftover_runs(phrase, used):
    """Runs of words the match left over that may name a second thing (not after a preposition)."""
    lex = lexicon()
    run, runs = [], []
    for i, word in enumerate(phrase.words):
        if i in used or phrase.opens[i]:
            runs.append(run)
            run = [] if i in used else None
        elif run is not None:
            run.append(word)
    runs.append(run)
    return [r for r in runs if r and any(lex.role(w) not in ("weak", "default") and not describing(w) for w in r)]
