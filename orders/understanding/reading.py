"""Reading one message: its phrases matched against the catalogue, in order, as items, questions
and things not sold (the package's docstring tells the flow)."""
from __future__ import annotations

from .index import index_for
from .lexicon import lexicon
from .match import FUZZY, LONG_WORD, Names, Outcome, match
from .model import Unclear, Understanding
from .quantity import Quantity
from .segment import phrases
from .text import plain
from .words import DERIVED, STRONG, describing


MAX_ITEMS = 30
PURPOSE_SKIPPED = ("de", "het", "the", "a", "op", "in", "bij", "on")
# What is read of a message: thirty items said at length fit in far less, and a longer text (a
# letter, a paste) is not read further, so that no message costs more than this much reading.
MAX_TEXT = 2_000


def understand(text: str, catalogue) -> Understanding:
    """What a message asks for from this catalogue: items, questions and things not sold."""
    index = index_for(catalogue)
    outcomes, asked, heading = [], [], []
    sold_before = False
    for phrase in phrases((text or "")[:MAX_TEXT], Names(index)):
        if len(asked) > MAX_ITEMS:
            break
        if phrase.alternative and sold_before:
            continue  # "Heeft u kersen? ... Anders een bakje morellen": the morellen only if there are no kersen
        if _only_a_purpose(phrase):
            heading = phrase.words if phrase.element else heading  # "Voor de vogels" over a list: what it is for
            continue
        made = list(_outcomes(index, phrase, heading))
        sold_before = any(o.item or o.unclear for o in made)
        for outcome in made:
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


def _outcomes(index, phrase, heading):
    """The outcome of a phrase, and of words left over beside its match."""
    head = _head_words(phrase)
    outcome = _made_for(index, phrase, head) or match(index, phrase.words, phrase.quantity, phrase.text,
                                                      len(head) - 1 if head else None, "instruction" not in phrase.kinds)
    if heading:  # under "Voor de vogels", "zonnepitten" are the ones for birds when they are sold so
        aimed = match(index, phrase.words + heading, phrase.quantity, phrase.text)
        outcome = aimed if aimed.item and len(aimed.used) > len(outcome.used) else outcome
    if phrase.refined:
        refined = match(index, phrase.words + phrase.refined, phrase.quantity, phrase.text)
        outcome = refined if refined.item or refined.unclear else outcome
    if not outcome.item and not (outcome.unclear and outcome.unclear.reason == "ambiguous"):
        outcome = _another_meaning(index, phrase, outcome)  # a kind word's question stays a question
    if phrase.carried:  # "2 witte bollen en 2 bruine": bruine bollen, even though "bruin" alone is a loaf
        carried = match(index, phrase.words + phrase.carried, phrase.quantity, phrase.text)
        whole = len(carried.used) == len(phrase.words) + len(phrase.carried)
        outcome = carried if carried.item and (whole or not outcome.item) else outcome
    if not (outcome.item or outcome.unclear) or _another_head(index, phrase, outcome):
        if phrase.unsold:
            yield Outcome(not_found=phrase.unsold)
        return
    if not phrase.cue and _unsure_alone(index, phrase.words, outcome) and not _slip_in_a_list(phrase, outcome):
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


def _made_for(index, phrase, head):
    """What a thing "for" something is when the catalogue sells the compound of the two: "a light bulb for the
    fridge" is the koelkastlampje, "fakkels voor in de tuin" the tuinfakkels (a Dutch compound is its last part
    for its first). None when no product is so named."""
    if len(head) != 1 or len(phrase.words) < 2 or not phrase.opens[1]:
        return None
    purpose = phrase.words[1]
    at = phrase.tokens.index(purpose) if purpose in phrase.tokens else -1
    before = [t for t in phrase.tokens[:at] if t not in PURPOSE_SKIPPED][-1:]
    if before not in (["voor"], ["for"]):
        return None
    joined = match(index, [purpose + head[0]], phrase.quantity, phrase.text)
    if (joined.item and joined.sureness >= DERIVED) or (joined.unclear and joined.unclear.reason != "unknown"):
        return joined
    return None


def _only_a_purpose(phrase):
    """Whether an uncounted phrase says only what something is for ("voor kerst", "voor de vogels", "for the
    birds"): every word right after "voor", with at most an article between, and no thing asked for."""
    if phrase.counted:
        return False
    said, before = 0, None  # the words met so far, and the last token that is no article
    for token in phrase.tokens:
        if said < len(phrase.words) and token == phrase.words[said]:
            if before not in ("voor", "for"):
                return False
            said += 1
        before = before if token in PURPOSE_SKIPPED else token
    return said == len(phrase.words)


def _another_meaning(index, phrase, outcome):
    """A phrase that gives no product (or none at the amount said) read with another name the glossary gives for one
    of its words: "een kilo wortels", read as peen, is no bunch of bospeen but a kilo of the winterwortelen."""
    glossary = lexicon().glossary
    for i, word in enumerate(phrase.words):
        if index.calls(word) or describing(word):
            continue  # a word the catalogue itself calls so, or a describing word, is read as said
        for other in glossary.others(word):
            words = [*phrase.words[:i], other, *phrase.words[i + 1 :]]
            tried = match(index, words, phrase.quantity, phrase.text)
            if tried.item and tried.sureness >= DERIVED and len(tried.used) == len(phrase.words):
                return tried
    return outcome


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


def _unsure_alone(index, words, outcome):
    """Whether an unmarked phrase rests on one describing word, one guessed spelling (a name: "de Jong", "Geesje") or
    one word that is only a category here, no word of a product, among words that name nothing ("oma gaat bakken met
    Sanne": the baking shelf).

    A guessed spelling is asked about rather than ordered; the others are dropped.
    """
    if len(outcome.used) != 1:
        return False
    (i,) = outcome.used
    filed_only = outcome.item is not None and len(words) > 1 and index.filed_only(words[i])
    return lexicon().role(words[i]) in ("weak", "default") or outcome.sureness == FUZZY or filed_only


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
