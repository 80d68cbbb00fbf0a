"""What Dorpslijn says first, when the scheduler finds it due. Each is marked done on the row it
is about (in the same transaction as its outbox rows), so running it twice sends nothing twice.

- a read-back left unanswered gets one gentle reminder after a few hours (not at night);
- still unanswered near the cut-off, the coordinator is told (a task and a text), so that a
  forgetful resident is called rather than left without food;
- a standing order ("elke week") is read back before each cut-off, to confirm, change or skip;
- a weekly reminder goes out on the day and hour the resident asked for.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from bots import alerts, basket
from bots.states import State
from bots.turn import scheduled_turn
from messaging import outbox
from orders import keywords, ordering
from orders.calendar import TIMEZONE, delivery_day_for, next_delivery_day
from orders.models import Order, Resident, Village

logger = logging.getLogger(__name__)

REMIND_AFTER = timedelta(hours=3)
TELL_COORDINATOR_BEFORE = timedelta(hours=2)
TELL_COORDINATOR_AFTER = timedelta(minutes=30)
STANDING_BEFORE = timedelta(hours=9)
QUIET_FROM, QUIET_UNTIL = 21, 8
REMINDER_LATE_HOURS = 2


def run(session, now) -> None:
    """Every follow-up that is due, put in the outbox."""
    for village in session.scalars(select(Village).order_by(Village.id)):
        turns = [*remind_read_backs(session, village, now), *tell_coordinator_near_cutoff(session, village, now),
                 *read_back_standing_orders(session, village, now), *weekly_reminders(session, village, now)]
        outbox.put_all(session, village.id, [m for turn in turns for m in turn.replies])


def _drafts(session, village: Village):
    """Drafts read back by text; one a coordinator is reading out on the phone is theirs to finish."""
    return session.scalars(select(Order).where(Order.village_id == village.id, Order.status == "draft",
                                               Order.channel != ordering.STAFF,
                                               Order.read_back_at.is_not(None)).order_by(Order.id))


def _turn_for(session, order: Order, now):
    return scheduled_turn(session, order.resident, now, order.channel, order.placed_by or None)


def remind_read_backs(session, village: Village, now):
    """One gentle reminder for a read-back left unanswered for a few hours."""
    if QUIET_UNTIL > now.astimezone(TIMEZONE).hour or now.astimezone(TIMEZONE).hour >= QUIET_FROM:
        return
    for order in _drafts(session, village):
        if order.reminded_at or order.coordinator_told_at or order.read_back_at > now - REMIND_AFTER \
                or ordering.cutoff_passed(village, order.delivery_date, now) or order.resident.opted_out:
            continue
        turn = _turn_for(session, order, now)
        turn.reply("reminder_read_back", order=order, choices=keywords.YES_NO[turn.language],
                   for_name=order.resident.name if turn.carer else "")
        order.reminded_at = now
        logger.info("read-back of draft %s reminded", order.id)
        yield turn


def tell_coordinator_near_cutoff(session, village: Village, now):
    """A read-back still open close to the cut-off: the coordinator is asked to call."""
    for order in _drafts(session, village):
        cutoff = delivery_day_for(village, order.delivery_date).cutoff
        if order.coordinator_told_at or not cutoff - TELL_COORDINATOR_BEFORE <= now < cutoff \
                or order.read_back_at > now - TELL_COORDINATOR_AFTER:
            continue
        turn = _turn_for(session, order, now)
        turn.ask_coordinator("unanswered", "coordinator_unanswered", about=f"order {order.number}",
                             order=order, cutoff=cutoff)
        alerts.copy_to_contact(turn, "contact_unanswered", order=order, cutoff=cutoff)
        order.coordinator_told_at = now
        logger.info("coordinator told of unanswered draft %s", order.id)
        yield turn


def read_back_standing_orders(session, village: Village, now):
    """Before each cut-off, a standing order is read back for this delivery day."""
    day = next_delivery_day(village, now)
    if now < day.cutoff - STANDING_BEFORE:
        return
    residents = session.scalars(select(Resident).where(
        Resident.village_id == village.id, Resident.standing_order_id.is_not(None),
        Resident.opted_out.is_(False)))
    for resident in residents:
        if resident.standing_read_back_for == day.date:
            continue
        resident.standing_read_back_for = day.date
        standing = session.get(Order, resident.standing_order_id)
        already = [o for o in ordering.open_orders(session, resident, day.date) if o.delivery_date == day.date]
        if standing is None or already or ordering.open_draft(session, resident):
            continue
        yield _standing_read_back(session, resident, standing, now)


def _standing_read_back(session, resident: Resident, standing: Order, now):
    turn = _turn_for(session, standing, now)
    lines, dropped = ordering.repeat_lines(session, standing, now)
    if not lines:
        turn.reply("nothing_sold_anymore", dropped=dropped)
        return turn
    order = ordering.draft(session, resident, lines, now, turn.channel, placed_by=standing.placed_by)
    turn.remember(standing=True, for_resident=resident.id if turn.carer else None, usual=None)
    basket.read_back(turn, order, dropped=dropped)
    turn.conversation.state = State.CONFIRMING
    logger.info("standing order of resident %s read back for %s", resident.id, order.delivery_date)
    return turn


def weekly_reminders(session, village: Village, now):
    """The reminder a resident asked for, on their day and hour."""
    local = now.astimezone(TIMEZONE)
    residents = session.scalars(select(Resident).where(
        Resident.village_id == village.id, Resident.reminder_weekday == local.weekday(),
        Resident.opted_out.is_(False)))
    for resident in residents:
        hour = resident.reminder_hour or 0
        if not hour <= local.hour < hour + REMINDER_LATE_HOURS or resident.reminder_sent_on == local.date():
            continue
        resident.reminder_sent_on = local.date()
        turn = scheduled_turn(session, resident, now)
        turn.reply("weekly_reminder", greeting=turn.greeting(), day=next_delivery_day(village, now),
                   choices=keywords.SAME_AGAIN[turn.language])
        yield turn
