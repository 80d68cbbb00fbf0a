"""Saying the shopping: what the caller says becomes a basket, unclear items are asked one at a
time, the basket is read back slowly, and 1 orders it.

A basket is a draft order: nothing is ordered until the caller presses 1 after the read-back.
"""
from __future__ import annotations

import logging
from decimal import Decimal

from sqlalchemy.orm import selectinload

from ivr.call import Call
from ivr.help import not_understood, understood
from ivr.hints import answer_hints, catalogue_hints
from ivr.keys import CHOOSE_WORDS, choice
from ivr.twiml import Reply
from ivr.weekly_offer import may_offer_weekly_call, offer_weekly_call
from orders import keywords, learning, ordering, shop_orders, usual
from orders.models import Order, ShopOrder
from orders.understanding import understand

logger = logging.getLogger(__name__)

MAX_CHOICES = 4         # with "none of these" at most five choices, as VOICE.md asks
DEFAULT_WEIGHT = Decimal("0.5")  # a pound, when a weighed product was chosen without an amount


def say_order(call: Call, intro: str = "") -> Reply:
    """Ask for the shopping in the caller's own words."""
    if (call.record.data or {}).get("adding"):
        call.remember(adding=False)
    return call.reply().say(intro).ask(call.url("order"), call.words("say_order"),
                                       hints=catalogue_hints(call), long_answer=True)


def add_more(call: Call, intro: str = "") -> Reply:
    """3 after a read-back: ask what to add to the basket."""
    call.remember(adding=True)
    return call.reply().say(intro).ask(call.url("order"), call.words("add"),
                                       hints=catalogue_hints(call), long_answer=True)


def ask_shopping_again(call: Call, intro: str) -> Reply:
    """The question the caller was answering again: the shopping, or what to add to it."""
    return add_more(call, intro) if (call.record.data or {}).get("adding", False) else say_order(call, intro)


def same(call: Call) -> Reply:
    """1: the last order that was not cancelled, at today's prices, read back to be confirmed."""
    last = ordering.last_order(call.session, call.resident)
    if last is None:
        return say_order(call, call.words("no_last_order"))
    lines, dropped = ordering.repeat_lines(call.session, last, call.now)
    if not lines:
        return say_order(call, call.words("nothing_left"))
    return draft_and_read_back(call, lines, same=True, not_found=dropped)


def order(call: Call) -> Reply:
    """What the caller said goes through order understanding; their own orders answer what they usually take."""
    adding = (call.record.data or {}).get("adding", False)
    if not call.speech or call.unsure:
        return not_understood(call, lambda intro: ask_shopping_again(call, intro))
    catalogue = ordering.catalogue_for(call.session, call.village, call.now)
    result = understand(call.speech, catalogue)
    chosen = usual.first_choices(call.session, call.resident, result)
    questions = [{"text": u.text, "candidates": u.candidates[:MAX_CHOICES], "reason": u.reason,
                  "quantity": None if u.quantity is None else str(u.quantity)}
                 for u in chosen.unclear if u.candidates]
    not_found = result.not_found + [u.text for u in chosen.unclear if not u.candidates]
    for word in result.not_found:
        learning.note_unclear(call.session, call.village, call.resident, call.record.phone, word)
    if not chosen.items and not questions:
        return not_understood(call, lambda intro: ask_shopping_again(call, intro), not_found)
    understood(call)
    earlier, usual_before = (basket_lines(call), call.record.data.get("usual", [])) if adding else ([], [])
    call.remember(lines=earlier + [[i.sku, str(i.quantity)] for i in chosen.items],
                  questions=questions, not_found=not_found, usual=usual_before + chosen.usual)
    return next_question(call)


def basket_lines(call: Call) -> list[list[str]]:
    """The lines of the basket this call made, as [sku, quantity] pairs."""
    basket = current_basket(call)
    return [[line.sku, str(line.quantity)] for line in basket.lines] if basket else []


BASKET = (selectinload(Order.shop_orders).selectinload(ShopOrder.lines),
          selectinload(Order.shop_orders).joinedload(ShopOrder.shop))


def current_basket(call: Call) -> Order | None:
    """The basket this call read back, while it is still a basket, with its lines and shops."""
    basket = call.session.get(Order, call.record.order_id, options=BASKET) if call.record.order_id else None
    if basket is None or basket.status != "draft" or basket.resident_id != call.record.resident_id:
        return None
    return basket


def next_question(call: Call) -> Reply:
    """Ask about the next unclear item, or read the basket back when all is clear."""
    data = call.record.data
    if data.get("questions"):
        return ask_which(call)
    if not data.get("lines"):
        return say_order(call, call.words("nothing_left"))
    return draft_and_read_back(call, data["lines"], not_found=data.get("not_found", []), usual=data.get("usual", []))


def ask_which(call: Call, intro: str = "") -> Reply:
    """One unclear item, with a key per product it may be."""
    question = call.record.data["questions"][0]
    names = [product.name for product in candidates(call, question)]
    return call.reply().say(intro).ask(call.url("choose"), call.words("choose", text=question["text"], names=names),
                                       hints=", ".join(names))


def candidates(call: Call, question: dict) -> list:
    catalogue = ordering.catalogue_for(call.session, call.village, call.now)
    return [p for p in (catalogue.get(sku) for sku in question["candidates"]) if p is not None]


def choose(call: Call) -> Reply:
    """The caller chose one product for an unclear item (or none: 0)."""
    question = call.record.data["questions"][0]
    products = candidates(call, question)
    key = choice(call, CHOOSE_WORDS) if len(products) == 1 else (call.digits[:1] or spoken_product(call, products))
    if not (key == "0" or key.isdigit() and 1 <= int(key) <= len(products)) or call.unsure:
        return not_understood(call, lambda intro: ask_which(call, intro))
    understood(call)
    lines = call.record.data["lines"]
    if key != "0":
        product = products[int(key) - 1]
        lines = lines + [[product.sku, str(chosen_quantity(question, product))]]
    elif question["reason"] != "quantity":  # none of these: the coordinator may teach what the word meant
        learning.note_unclear(call.session, call.village, call.resident, call.record.phone, question["text"])
    call.remember(lines=lines, questions=call.record.data["questions"][1:])
    return next_question(call)


def spoken_product(call: Call, products) -> str:
    """The key of the product whose name shares the most words with what was said."""
    said = set(keywords.words_of(call.speech).split())
    scores = [len(said & set(keywords.words_of(p.name).split())) for p in products]
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return ""
    return str(scores.index(best) + 1)


def chosen_quantity(question: dict, product) -> Decimal:
    """The amount that was said when it was only the product that was unclear, else one (a pound)."""
    if question["quantity"] and question["reason"] == "ambiguous":
        return Decimal(question["quantity"])
    return DEFAULT_WEIGHT if product.weighed else Decimal(1)


def draft_and_read_back(call: Call, lines, same: bool = False, not_found=(), usual=()) -> Reply:
    """Make the basket (a draft: nothing is ordered yet) and read it back; `usual` are the skus
    the resident's own orders chose (orders/usual.py), said so beside their line."""
    basket = ordering.draft(call.session, call.resident, merged(lines), call.now, "voice")
    call.record.order_id = basket.id
    call.remember(same=same, not_found=list(not_found), usual=list(usual), lines=[], questions=[])
    return read_back(call)


def merged(lines) -> list[tuple[str, Decimal]]:
    """(sku, quantity) pairs with one line per product, quantities added up, in the order said."""
    totals: dict[str, Decimal] = {}
    for sku, quantity in lines:
        totals[sku] = totals.get(sku, Decimal(0)) + Decimal(str(quantity))
    return list(totals.items())


def read_back(call: Call, intro: str = "") -> Reply:
    """The basket item by item, slowly, with the total and the delivery day; then 1, 2, 3 or 9."""
    basket = current_basket(call)
    if basket is None:
        return say_order(call, call.words("nothing_left"))
    data = call.record.data
    text = call.words("read_back", order=basket, payment=call.resident.payment, same=data.get("same", False),
                      not_found=data.get("not_found", []), usual=data.get("usual", []))
    return call.reply().say(intro).ask(call.url("review"), text + "\n" + call.words("review"),
                                       hints=answer_hints(call, "review"))


def place(call: Call) -> Reply:
    """1: the basket becomes an order, and the shops get their part as for a text order."""
    basket = current_basket(call)
    if basket is None:
        return say_order(call, call.words("nothing_left"))
    ordering.confirm(call.session, basket, call.now)
    call.outgoing += shop_orders.on_confirmation(call.session, basket, call.now)
    call.record.outcome = "ordered"
    logger.info("order %s placed by phone", basket.number)
    offer = may_offer_weekly_call(call)
    ordered = call.words("ordered", order=basket, goodbye=not offer)
    return offer_weekly_call(call, ordered) if offer else call.reply().hang_up(ordered)
