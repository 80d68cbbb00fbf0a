"""Changes to a basket that was read back, said the way people say them: "geen melk",
"ook 2 eieren", "3 krentenbollen in plaats van 4", "halfvolle melk in plaats van volle"."""
from __future__ import annotations

import re
from dataclasses import dataclass

from bots import basket
from bots.states import State
from bots.turn import Turn
from orders import basket_dialog, keywords, ordering, usual
from orders.catalogue import Catalogue
from orders.models import Order
from orders.understanding import understand

PARTS = re.compile(r"\s*(?:[,;\n]+|\b(?:en|and|maar|but)\s+(?=(?:ook|nog|geen|zonder|also|no|without)\b))\s*")
LEAD = re.compile(r"^(?:(?:ja|yes|nee|no|maar|but|en|and|wel|dan|oh|o)\b[\s,.!]*)+")
REPLACE = re.compile(r"^(?P<new>.+?)\s+(?:in plaats van|inplaats van|ipv|i\.p\.v\.?|instead of|rather than)\s+(?P<old>.+)$")
# The words after the change word are read as a whole; polite words at their end are cut off one by
# one afterwards (a pattern that tried them at every place would take the square of the length).
REMOVE = re.compile(r"^(?:geen|zonder|without|remove|haal|schrap|no)\s+(?P<what>.+)$")
REMOVE_TAIL = ("meer", "weg", "eraf", "eruit", "er af", "er uit", "graag", "aub", "please")
REMOVE_AFTER = re.compile(r"^(?P<what>.+?)\s+(?:hoeft niet|hoef ik niet|niet meer|niet|weg|eraf|er af|eruit)$")
ADD = re.compile(r"^(?:ook|nog|plus|also|add|extra|erbij)\s+(?P<what>.+)$")
ADD_TAIL = ("erbij", "er nog bij", "graag", "aub", "too", "please", "as well")
ADD_AFTER = re.compile(r"^(?P<what>.+?)\s+(?:erbij|er nog bij|too|as well)$")
ONLY_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class Change:
    """One change: `add` or `remove` some words, or `replace` old (words or a number) by new."""

    kind: str
    what: str
    old: str = ""


def parse(text: str) -> list[Change] | None:
    """The changes a message asks for, or None when it is not (only) changes."""
    changes = []
    for part in PARTS.split(keywords.fold(text)):
        part = _without_lead(part.strip(" .!"))
        if not part:
            continue
        change = _change(part)
        if change is None:
            return None
        changes.append(change)
    return changes or None


def _without_lead(part: str) -> str:
    return LEAD.sub("", part, count=1).strip()


def _change(part: str) -> Change | None:
    if match := REPLACE.match(part):
        return Change("replace", match["new"], match["old"])
    for pattern, kind, tail in ((REMOVE, "remove", REMOVE_TAIL), (REMOVE_AFTER, "remove", ()),
                                (ADD, "add", ADD_TAIL), (ADD_AFTER, "add", ())):
        if match := pattern.match(part):
            return Change(kind, _without_tail(match["what"], tail))
    return None


def _without_tail(what: str, tail: tuple[str, ...]) -> str:
    """The words without the polite or filler words at their end ("geen melk meer graag": melk)."""
    words = what.split(" ")
    end = len(words)
    while cut := next((size for size in (3, 2, 1) if end - size >= 1 and " ".join(words[end - size:end]) in tail), 0):
        end -= cut
    return " ".join(words[:end])


def apply(turn: Turn, order: Order, changes: list[Change]) -> State:
    """Change the draft and read it back; questions about new items come first."""
    lines = {line.sku: line.quantity for line in order.lines}
    notes = {"not_found": [], "not_in_order": []}
    questions = []
    for change in changes:
        if change.kind == "remove":
            _remove(turn, order, lines, change.what, notes)
        elif change.kind == "add":
            questions += _add(turn, lines, change.what, notes)
        elif ONLY_NUMBER.match(change.old):
            _set_quantity(turn, order, lines, change.what, notes, questions)
        else:
            _remove(turn, order, lines, change.old, notes)
            questions += _add(turn, lines, change.what, notes)
    if questions:
        turn.remember(basket=[[sku, str(q)] for sku, q in lines.items()], questions=questions,
                      not_found=notes["not_found"] + notes["not_in_order"])
        return basket.next_question(turn)
    if not lines:
        return basket.drop(turn, "basket_empty")
    ordering.set_lines(turn.session, order, basket_dialog.merged(lines.items()))
    basket.read_back(turn, order, **notes)
    return State.CONFIRMING


def _in_order(turn: Turn, order: Order, words: str) -> set[str]:
    """The skus of the draft's lines that some words name."""
    result = understand(words[:1000], _order_catalogue(turn, order))
    skus = {i.sku for i in result.items} | {c for u in result.unclear for c in u.candidates}
    if skus:
        return skus
    wanted = {w.rstrip("s") for w in keywords.words_of(words).split() if len(w) >= 4}
    return {line.sku for line in order.lines
            if any(w[:5] in keywords.fold(line.name) for w in wanted)}


def _order_catalogue(turn: Turn, order: Order) -> Catalogue:
    """Only the products in the draft, so that "melk" means the milk already in it."""
    products = basket.catalogue(turn)
    return Catalogue(p for p in (products.get(line.sku) for line in order.lines) if p is not None)


def _remove(turn: Turn, order: Order, lines: dict, words: str, notes: dict) -> None:
    skus = _in_order(turn, order, words) & set(lines)
    if not skus:
        notes["not_in_order"].append(words)
    for sku in skus:
        del lines[sku]


def _add(turn: Turn, lines: dict, words: str, notes: dict) -> list[dict]:
    result = understand(words[:1000], basket.catalogue(turn))
    chosen = usual.first_choices(turn.session, turn.resident, result)
    for item in chosen.items:
        lines[item.sku] = lines.get(item.sku, 0) + item.quantity
    turn.remember(usual=[*turn.data.get("usual", []), *chosen.usual] or None)
    questions, unsold = basket_dialog.questions(chosen.unclear)
    notes["not_found"] += result.not_found + unsold
    if not result.items and not result.unclear and not result.not_found:
        notes["not_found"].append(words)
    return questions


def _set_quantity(turn: Turn, order: Order, lines: dict, words: str, notes: dict, questions: list) -> None:
    """"3 krentenbollen in plaats van 4": the line keeps its product and gets the new amount."""
    result = understand(words[:1000], _order_catalogue(turn, order))
    found = [i for i in result.items if i.sku in lines]
    for item in found:
        lines[item.sku] = item.quantity
    if not found:
        questions += _add(turn, lines, words, notes)
