"""Saying the shopping: what the caller says becomes a basket, unclear items are asked one at a
time, the basket is read back slowly, and 1 orders it.

A basket is a draft order: nothing is ordered until the caller presses 1 after the read-back.
"""
from __future__ import annotations

import logging

from sqlalchemy.orm import selectinload

from ivr.call import Call
from ivr.help import not_understood, understood
from ivr.hints import answer_hints, catalogue_hints
from ivr.twiml import Reply
from ivr.weekly_offer import may_offer_weekly_call, offer_weekly_call
from orders import basket_dialog, catalogue_cache, learning, ordering, shop_orders, usual
from orders.catalogue import Catalogue
from orders.models import Order, ShopOrder
from orders.understanding import understand

logger = logging.getLogger(__name__)



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
    result = understand(call.speech, catalogue(call))
    chosen = usual.first_choices(call.session, call.resident, result)
    questions, unsold = basket_dialog.questions(chosen.unclear)
    not_found = result.not_found + unsold
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
    questions, gone = basket_dialog.still_open(call.record.data.get("questions", []), catalogue(call))
    call.remember(questions=questions, not_found=[*call.record.data.get("not_found", []), *gone])
    data = call.record.data
    if questions:
        return ask_which(call)
    if not data.get("lines"):
        return say_order(call, call.words("nothing_left"))
    return draft_and_read_back(call, data["lines"], not_found=data["not_found"], usual=data.get("usual", []))


def ask_which(call: Call, intro: str = "") -> Reply:
    """One unclear item: a key per product it may be, or how much of its one product."""
    question = call.record.data["questions"][0]
    products = basket_dialog.choices(question, catalogue(call))
    if basket_dialog.about_amount(question):
        text = call.words("how_much", text=question["text"], product=products[0])
        hints = answer_hints(call, "how_much")
    else:
        names = [product.name for product in products]
        text, hints = call.words("choose", text=question["text"], names=names), ", ".join(names)
    return call.reply().say(intro).ask(call.url("choose"), text, hints=hints)


def catalogue(call: Call) -> Catalogue:
    """The village's catalogue as it is today."""
    return catalogue_cache.catalogue_for(call.session, call.village, call.now)


def choose(call: Call) -> Reply:
    """The caller's answer to an unclear item: a key, a product's name, an amount, or 0 for none."""
    question = call.record.data["questions"][0]
    products = basket_dialog.choices(question, catalogue(call))
    if not products:
        return next_question(call)
    chosen = None if call.unsure else basket_dialog.answer(question, products, call.digits or call.speech)
    if chosen is None:
        return not_understood(call, lambda intro: ask_which(call, intro))
    understood(call)
    if basket_dialog.teaches(question, chosen):
        learning.note_unclear(call.session, call.village, call.resident, call.record.phone, question["text"])
    call.remember(lines=chosen.added_to(call.record.data["lines"]),
                  questions=chosen.before(call.record.data["questions"][1:]))
    return next_question(call)


def draft_and_read_back(call: Call, lines, same: bool = False, not_found=(), usual=()) -> Reply:
    """Make the basket (a draft: nothing is ordered yet) and read it back; `usual` are the skus
    the resident's own orders chose (orders/usual.py), said so beside their line."""
    basket = ordering.draft(call.session, call.resident, basket_dialog.merged(lines), call.now, "voice")
    call.record.order_id = basket.id
    call.remember(same=same, not_found=list(not_found), usual=list(usual), lines=[], questions=[])
    return read_back(call)


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
