"""What a volunteer reports from a door: delivered (and what was collected), or nobody home.

A volunteer reports only on the orders of their own round. Nobody home alerts the
coordinator at once (a text and a task) and the resident's contact person when there is one:
an elderly person who does not open the door may need help.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from dorpslijn.messages import Outgoing
from orders import notices, tasks
from orders.deliveries import DeliveryRound, RoundStop
from orders.models import Order, Volunteer
from orders.ordering import placed_order

logger = logging.getLogger(__name__)


@dataclass
class Found:
    """The door stop a volunteer named, or why they cannot report on it."""

    stop: RoundStop | None = None
    problem: str = ""


def find(session, volunteer: Volunteer, number: int) -> Found:
    """The stop of order `number` in the volunteer's own round."""
    order = placed_order(session, volunteer.village_id, number)
    if order is None:
        return Found(problem="volunteer_unknown_order")
    stop = session.scalar(
        select(RoundStop).join(DeliveryRound)
        .where(RoundStop.order_id == order.id, RoundStop.kind == "delivery",
               DeliveryRound.volunteer_id == volunteer.id)
        .order_by(RoundStop.id.desc()).limit(1))
    if stop is None:
        return Found(problem="volunteer_not_in_round")
    if order.status == "cancelled":
        return Found(problem="volunteer_order_cancelled")
    return Found(stop)


def to_collect(order: Order) -> int:
    """What the volunteer collects at the door: nothing when the resident pays by invoice."""
    return 0 if order.resident.payment == "factuur" else order.total_cents


def delivered(session, stop: RoundStop, collected_cents: int | None, now: datetime) -> list[Outgoing]:
    """`BEZORGD 123`: the order is delivered; the resident hears it when they want to."""
    order = stop.order
    stop.outcome, stop.reported_at = "delivered", now
    stop.collected_cents = to_collect(order) if collected_cents is None else collected_cents
    order.status = "delivered"
    logger.info("order %s delivered", order.number)
    resident = order.resident
    if not resident.tell_delivered:
        return []
    return [notices.message(notices.resident(resident, order.channel), "resident_delivered",
                            resident.language, order=order)]


def not_home(session, stop: RoundStop, now: datetime) -> list[Outgoing]:
    """`NIET THUIS 123`: the coordinator is alerted at once, and the contact person."""
    order = stop.order
    resident, village = order.resident, order.resident.village
    volunteer = stop.round.volunteer
    stop.outcome, stop.reported_at = "not_home", now
    messages = tasks.ask_coordinator(session, village, "not_home", "coordinator_not_home", phone=resident.phone,
                                     resident=resident, about=f"order {order.number}",
                                     details={"order": order.number, "volunteer": volunteer.phone},
                                     order=order, volunteer=volunteer)
    logger.warning("nobody opened the door for order %s", order.number)
    if resident.contact_phone:
        messages.append(notices.message(notices.Address("sms", resident.contact_phone), "contact_not_home",
                                        resident.language, resident=resident, village=village))
    return messages
