"""A resident whose shop sold something out is told at once and offered the closest product.

Offers wait in the resident's conversation (state `alternative`, `data["offers"]`) and are
asked one at a time: `JA` takes it, `NEE` leaves it out, anything else is a new message and
the offers lapse. A resident busy with a read-back is told without a question.
"""
from __future__ import annotations

from sqlalchemy import select

from bots.states import State
from bots.turn import conversation_for
from dorpslijn.messages import Outgoing
from orders import keywords, notices, shop_orders
from orders.models import Order, OrderLine, Product

MAY_ASK = (State.IDLE, State.ALTERNATIVE)


def tell_resident(session, sold_out: shop_orders.SoldOut) -> list[Outgoing]:
    """Tell the resident what is sold out and the new total; offer the first alternative."""
    order = sold_out.shop_order.order
    resident = order.resident
    address = notices.resident(resident)
    conversation = conversation_for(session, order.village_id, address.channel, address.to, resident.language)
    waiting = list(conversation.data.get("offers") or []) if conversation.state == State.ALTERNATIVE else []
    offers = [{"order_id": order.id, "line_id": line.id, "sku": sold_out.alternatives[line.id].sku}
              for line in sold_out.lines if line.id in sold_out.alternatives]
    ask = None
    if conversation.state in MAY_ASK and offers:
        if not waiting:
            ask = offers[0]
        conversation.state = State.ALTERNATIVE
        conversation.data = {**conversation.data, "offers": waiting + offers}
    return [notices.message(address, "resident_sold_out", resident.language, order=order,
                            shop=sold_out.shop_order.shop, lines=sold_out.lines,
                            offer=_offer(session, ask) if ask else None)]


def step(turn) -> State | None:
    """The resident answers an offer: JA takes it, NEE leaves it; None for anything else, a new
    message for the conversation to read as one (the offers are forgotten)."""
    offers = list(turn.data.get("offers") or [])
    text = turn.text
    if not offers or not (keywords.is_confirmation(text) or keywords.is_decline(text)):
        turn.remember(offers=None)
        return None
    offer, rest = offers[0], offers[1:]
    order = turn.session.get(Order, offer["order_id"])
    if keywords.is_confirmation(text):
        _take(turn, order, offer)
    else:
        turn.reply("resident_alternative_declined", order=order)
    turn.remember(offers=rest or None)
    if rest:
        turn.reply("resident_alternative_offer", **_offer(turn.session, rest[0]))
        return State.ALTERNATIVE
    return State.IDLE


def _take(turn, order: Order, offer: dict) -> None:
    line = shop_orders.take_alternative(turn.session, order, offer["line_id"], offer["sku"])
    if line is None:
        turn.reply("resident_alternative_too_late", order=order)
        return
    turn.reply("resident_alternative_taken", order=order, line=line)
    shop = line.shop_order.shop
    turn.replies.append(notices.message(notices.shop(shop), "shop_alternative", shop.village.language,
                                        order=order, line=line))


def _offer(session, offer: dict) -> dict:
    """The values a question about one offer needs: the order, the sold-out line, the product."""
    line = session.get(OrderLine, offer["line_id"])
    product = session.scalar(select(Product).where(Product.shop_pk == line.shop_order.shop_pk,
                                                   Product.sku == offer["sku"]))
    return {"order": session.get(Order, offer["order_id"]), "line": line, "product": product,
            "price_cents": round(line.quantity * product.price_cents)}
