"""A resident's basket: a message understood into items, what is unclear asked one question at
a time with numbered choices, the read-back grouped by shop, and `JA` that makes it an order.

Nothing is ordered without `JA`. While questions are open the basket lives in the
conversation's data; once they are answered it becomes a draft order that is read back.
"""
from __future__ import annotations

import logging
import re

from bots import alerts
from bots.states import State
from bots.turn import Turn
from orders import basket_dialog, catalogue_cache, keywords, learning, notices, ordering, shop_orders, usual
from orders.catalogue import Catalogue
from orders.models import Order
from orders.understanding import understand

logger = logging.getLogger(__name__)

MAX_TEXT = 5000
SHORT_SHOP_NAME = re.compile(r"\b(?:De|Het|Van|Den|Ter|'t)\b.*")


def take_order(turn: Turn, text: str) -> State:
    """Understand a message as shopping; ask what is unclear, or read the basket back."""
    weekly, text = keywords.without_weekly(text)
    result = understand(text[:MAX_TEXT], catalogue(turn))
    not_today, not_found = off_today(turn, result.not_found)
    for word in not_found:
        learning.note_unclear(turn.session, turn.village, turn.resident, turn.address, word)
    if not result.items and not result.unclear:
        turn.reply("not_understood", not_found=not_found, not_today=not_today)
        return State.IDLE
    chosen = usual.first_choices(turn.session, turn.resident, result)
    questions, unsold = basket_dialog.questions(chosen.unclear)
    turn.remember(basket=[[i.sku, str(i.quantity)] for i in chosen.items],
                  questions=questions, not_found=not_found + unsold, not_today=not_today or None,
                  usual=chosen.usual or None, weekly=weekly or turn.data.get("weekly"),
                  truncated=result.truncated or None)
    return next_question(turn)


def off_today(turn: Turn, words: list[str]) -> tuple[list[str], list[str]]:
    """The words the market does not sell, split: those naming a product its shop has off today
    ("vandaag niet"), and the rest."""
    off = catalogue_cache.off_today_catalogue(turn.session, turn.village, turn.now)
    if not len(off):
        return [], list(words)
    named = {word: understand(word, off) for word in words}
    today = [word for word, result in named.items() if result.items or result.unclear]
    return today, [word for word in words if word not in today]


def understood(turn: Turn, text: str) -> bool:
    """Whether a message names anything the village sells."""
    result = understand(keywords.without_weekly(text)[1][:MAX_TEXT], catalogue(turn))
    return bool(result.items or result.unclear)


def catalogue(turn: Turn) -> Catalogue:
    """The village's catalogue as it is today."""
    return catalogue_cache.catalogue_for(turn.session, turn.village, turn.now)


def next_question(turn: Turn) -> State:
    """Ask the first open question, or read the basket back when none is left."""
    questions, gone = basket_dialog.still_open(turn.data.get("questions") or [], catalogue(turn))
    if gone:
        turn.remember(questions=questions, not_found=[*turn.data.get("not_found", []), *gone])
    if not questions:
        return finish(turn)
    ask(turn, questions[0])
    return State.CHOOSING


def ask(turn: Turn, question: dict, again: bool = False) -> None:
    """A question in words: how much of the one product, or which of the numbered products."""
    products = basket_dialog.choices(question, catalogue(turn))
    about = "quantity" if basket_dialog.about_amount(question) else "choice"
    turn.reply(f"ask_{about}{'_again' if again else ''}", text=question["text"], product=products[0],
               options=products, choices=[str(n) for n in range(1, len(products) + 1)])


def choosing(turn: Turn) -> State:
    """The answer to an open question: a number, a product's name, or 0 / NEE for none."""
    questions, gone = basket_dialog.still_open(turn.data.get("questions") or [], catalogue(turn))
    if not questions or gone:
        return next_question(turn)
    question = questions[0]
    chosen = basket_dialog.answer(question, basket_dialog.choices(question, catalogue(turn)), turn.text)
    if chosen is None:
        ask(turn, question, again=True)
        return State.CHOOSING
    if basket_dialog.teaches(question, chosen):
        learning.note_unclear(turn.session, turn.village, turn.resident, turn.address, question["text"])
    turn.remember(basket=chosen.added_to(turn.data.get("basket") or []), questions=chosen.before(questions[1:]))
    return next_question(turn)


def finish(turn: Turn) -> State:
    """Every question answered: the basket becomes a draft, read back to the resident."""
    lines = basket_dialog.merged(turn.data.get("basket") or [])
    not_found, not_today = turn.data.get("not_found") or [], turn.data.get("not_today") or []
    turn.remember(basket=None, questions=None, not_found=None, not_today=None)
    if not lines:
        turn.reply("nothing_ordered", not_found=not_found, not_today=not_today)
        return State.IDLE
    order = ordering.draft(turn.session, turn.resident, lines, turn.now, turn.channel,
                           placed_by=turn.address if turn.carer else "")
    read_back(turn, order, not_found=not_found, not_today=not_today)
    return State.CONFIRMING


def read_back(turn: Turn, order: Order, not_found=(), dropped=(), not_in_order=(), not_today=()) -> None:
    """The basket grouped by shop, with prices, total, delivery day and how to confirm."""
    order.read_back_at, order.reminded_at, order.coordinator_told_at = turn.now, None, None
    turn.reply("read_back", choices=keywords.YES_NO[turn.language], order=order,
               payment=turn.resident.payment, for_name=turn.resident.name if turn.carer else "",
               standing=bool(turn.data.get("standing")), weekly=bool(turn.data.get("weekly")),
               missed=ordering.missed_day(turn.village, turn.now), truncated=bool(turn.data.get("truncated")),
               short_names={so.id: short_shop_name(so.shop.name) for so in order.shop_orders},
               usual=turn.data.get("usual") or [],
               not_found=list(not_found), dropped=list(dropped), not_in_order=list(not_in_order),
               not_today=list(not_today))
    turn.remember(truncated=None)


def short_shop_name(name: str) -> str:
    """A shop's name without its trade: "Bakkerij De Korenschoof" is "De Korenschoof"."""
    match = SHORT_SHOP_NAME.search(name)
    return match.group(0) if match and match.start() > 0 else name


def confirm(turn: Turn, order: Order) -> State:
    """`JA`: the draft becomes an order, the shops get their part (after a cut-off: a new day)."""
    if ordering.day_closed(turn.session, turn.village, order.delivery_date, turn.now):
        order.delivery_date = ordering.next_open_day(turn.session, turn.village, turn.now).date
        read_back(turn, order)
        return State.CONFIRMING
    ordering.confirm(turn.session, order, turn.now)
    resident = turn.resident
    order.needs_check = not resident.checked
    weekly = bool(turn.data.get("weekly"))
    if weekly:
        resident.standing_order_id = order.id
    turn.reply("confirmed", order=order, weekly=weekly, unchecked=not resident.checked,
               for_name=resident.name if turn.carer else "")
    notify_shops(turn, order)
    if turn.carer:
        turn.tell(*notices.resident(resident), "ordered_for_you", resident.language, order=order)
    else:
        alerts.copy_to_contact(turn, "contact_confirmed", order=order)
    turn.remember(weekly=None, standing=None, for_resident=None, usual=None)
    return State.IDLE


def notify_shops(turn: Turn, order: Order) -> None:
    """Each shop gets its own lines of a confirmed order (orders/shop_orders.py decides when)."""
    turn.replies += shop_orders.on_confirmation(turn.session, order, turn.now)


def drop(turn: Turn, template: str) -> State:
    """Forget the basket being read back, and say so."""
    ordering.discard_drafts(turn.session, turn.resident)
    turn.reply(template)
    turn.remember(weekly=None, standing=None, for_resident=None, basket=None, questions=None, usual=None)
    return State.IDLE
