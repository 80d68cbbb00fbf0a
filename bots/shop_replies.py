"""What shops text back: `OK 123` accepts, `OP 123 <words>` marks those lines sold out.

Several answers may share one message (`OK 123 124, OP 125 gehakt`). A shop can answer only
for its own part of an order; anything else gets a clear reply and changes nothing.
"""
from __future__ import annotations

import re
from datetime import datetime

from bots import alternatives
from dorpslijn.messages import Inbound, Outgoing
from orders import notices, shop_orders
from orders.keywords import fold
from orders.models import Shop

# An order number has at most nine digits; a longer run of digits is no order number.
ANSWER = re.compile(r"\b(ok|oke|okay|akkoord|op)\b\W*+(?:(?:nr|nummer|bestelling)\W*+)?(\d{3,9})(?!\d)")
NUMBER = re.compile(r"\b\d{3,9}\b")


def handle(session, shop: Shop, inbound: Inbound, now: datetime) -> list[Outgoing]:
    """Answer a shop's message."""
    reply = notices.Address(inbound.channel, inbound.sender)
    language = shop.village.language
    answers = _answers("\n".join(fold(line) for line in (inbound.text or "").splitlines()))  # lines name items
    if not answers:
        return [notices.message(reply, "shop_help", language)]
    messages = []
    for word, number, rest in answers:
        found = shop_orders.find(session, shop, number)
        if found.shop_order is None:
            messages.append(notices.message(reply, found.problem, language, number=number, shop=shop))
        elif word == "op":
            messages += _sold_out(session, found.shop_order, rest, reply, language, now)
        else:
            shop_orders.accept(found.shop_order, now)
            messages.append(notices.message(reply, "shop_ok", language, order=found.shop_order.order))
    return messages


def _answers(text: str) -> list[tuple[str, int, str]]:
    """(ok|op, order number, the words after it) for each answer in the text; `OK 123 124` is two."""
    matches = list(ANSWER.finditer(text))
    answers = []
    for match, following in zip(matches, matches[1:] + [None]):
        word = "op" if match.group(1) == "op" else "ok"
        rest = text[match.end():following.start() if following else len(text)]
        answers.append((word, int(match.group(2)), rest.strip(" .,!\n")))
        if word == "ok":
            answers += [("ok", int(n), "") for n in NUMBER.findall(rest)]
    return answers


def _sold_out(session, shop_order, words: str, reply, language: str, now: datetime) -> list[Outgoing]:
    sold_out = shop_orders.mark_sold_out(session, shop_order, words, now)
    if not sold_out.lines:
        return [notices.message(reply, "shop_sold_out_which", language, order=shop_order.order,
                                shop_order=shop_order, not_matched=sold_out.not_matched)]
    return [notices.message(reply, "shop_sold_out_noted", language, order=shop_order.order,
                            lines=sold_out.lines),
            *alternatives.tell_resident(session, sold_out)]
