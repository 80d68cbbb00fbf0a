"""The words a resident can send at any time: HULP, STATUS, BEL MIJ, ANNULEER, ZELFDE,
"elke week", "herinner mij op dinsdag om 10 uur", "bel mij elke maandag om 10 uur", and the
ways to undo the last three."""
from __future__ import annotations

from datetime import time

from sqlalchemy import select

from bots import alerts, basket
from bots.states import State
from bots.turn import Turn
from orders import keywords, ordering, shop_orders
from orders.calendar import TIMEZONE
from orders.deliveries import RoundStop
from orders.models import Order
from orders.weekly_calls import ask_for_weekly_call, stop_weekly_call


def help_menu(turn: Turn) -> None:
    """The short menu of what a resident can send."""
    turn.reply("help", choices=keywords.MENU[turn.language])


def status(turn: Turn) -> None:
    """The open orders with their delivery day (and time window once a round is planned)."""
    today = turn.now.astimezone(TIMEZONE).date()
    orders = ordering.open_orders(turn.session, turn.resident, today)
    windows = {order.id: delivery_window(turn.session, order) for order in orders}
    waiting = ordering.open_draft(turn.session, turn.resident)
    turn.reply("status", orders=orders, windows=windows, waiting=waiting,
               for_name=turn.resident.name if turn.carer else "")


def delivery_window(session, order: Order) -> tuple | None:
    """(from, until) in local time of the order's door in a planned round, if there is one."""
    stop = session.scalar(select(RoundStop).where(RoundStop.order_id == order.id, RoundStop.kind == "delivery",
                                                  RoundStop.window_from.is_not(None)).limit(1))
    if stop is None:
        return None
    return stop.window_from.astimezone(TIMEZONE), (stop.window_until or stop.window_from).astimezone(TIMEZONE)


def call_me(turn: Turn) -> None:
    """A call-back request: a task for the coordinator, confirmed to the sender."""
    turn.ask_coordinator("call_back", "coordinator_call_back")
    turn.reply("call_me")


def cancel(turn: Turn) -> State:
    """ANNULEER: cancel the next open order, until its delivery day's cut-off."""
    today = turn.now.astimezone(TIMEZONE).date()
    orders = ordering.open_orders(turn.session, turn.resident, today)
    number = keywords.order_number(turn.text)
    order = next((o for o in orders if o.number == number), orders[0] if orders else None)
    if order is None:
        turn.reply("nothing_to_cancel")
        return State.IDLE
    if ordering.day_closed(turn.session, turn.village, order.delivery_date, turn.now):
        turn.reply("cancel_too_late", order=order, choices=keywords.CALL_ME[turn.language])
        return State.IDLE
    to_shops = shop_orders.cancel(turn.session, order)
    turn.reply("cancelled", order=order)
    turn.replies += to_shops
    alerts.copy_to_contact(turn, "contact_cancelled", order=order)
    return State.IDLE


def same_again(turn: Turn) -> State:
    """ZELFDE: the last order that was not cancelled, at today's prices, read back."""
    last = ordering.last_order(turn.session, turn.resident)
    if last is None:
        turn.reply("no_last_order")
        return State.IDLE
    lines, dropped = ordering.repeat_lines(turn.session, last, turn.now)
    if not lines:
        turn.reply("nothing_sold_anymore", dropped=dropped)
        return State.IDLE
    order = ordering.draft(turn.session, turn.resident, lines, turn.now, turn.channel,
                           placed_by=turn.address if turn.carer else "")
    turn.remember(usual=None)
    basket.read_back(turn, order, dropped=dropped)
    return State.CONFIRMING


def weekly(turn: Turn) -> State:
    """"elke week": the basket being read back, or else the last order, becomes a standing order."""
    if turn.state == State.CONFIRMING:
        turn.remember(weekly=True)
        basket.read_back(turn, ordering.open_draft(turn.session, turn.resident))
        return State.CONFIRMING
    last = ordering.last_order(turn.session, turn.resident)
    if last is None:
        turn.reply("weekly_nothing")
        return State.IDLE
    turn.resident.standing_order_id = last.id
    turn.reply("weekly_set", order=last)
    return State.IDLE


def not_weekly(turn: Turn) -> None:
    """"niet meer elke week": the standing order ends."""
    turn.resident.standing_order_id = None
    turn.reply("weekly_stopped")


def reminder(turn: Turn) -> None:
    """"herinner mij op dinsdag om 10 uur": a weekly reminder on that day and hour."""
    weekday, hour = keywords.reminder_request(turn.text)
    turn.resident.reminder_weekday, turn.resident.reminder_hour = weekday, hour
    turn.reply("reminder_set", weekday=weekday, hour=hour)


def no_reminder(turn: Turn) -> None:
    """"geen herinnering meer": the weekly reminder ends."""
    turn.resident.reminder_weekday = turn.resident.reminder_hour = None
    turn.reply("reminder_stopped")


def weekly_call(turn: Turn) -> None:
    """"bel mij elke maandag om 10 uur": we call the resident every week on that day and time."""
    weekday, hour, minute = keywords.weekly_call_request(turn.text)
    ask_for_weekly_call(turn.session, turn.resident, weekday, time(hour, minute))
    turn.reply("weekly_call_set", weekday=weekday, hour=hour, minute=minute)


def no_weekly_call(turn: Turn) -> None:
    """"niet meer bellen": the weekly call ends."""
    stop_weekly_call(turn.session, turn.resident)
    turn.reply("weekly_call_stopped")
