"""Closing a delivery day: its orders frozen, riders assigned, routes planned, rounds sent.

`close` is what `dorpslijn rounds close` and the scheduler at the cut-off do. It runs once per
village and day: a closed `RoundDay` is the freeze that `ordering.day_closed` reports. Each
rider gets a round of numbered stops (the shops first, then the doors), each resident a time
window, each shop its packing list, and the coordinator the orders that found no rider or
whose address had no coordinates.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from dorpslijn.messages import Outgoing
from orders import availability, notices, planning, shop_orders, tasks
from orders.calendar import TIMEZONE
from orders.deliveries import DeliveryRound, RoundDay, RoundStop
from orders.door_reports import to_collect
from orders.models import Order, Shop, ShopOrder, Village, Volunteer

logger = logging.getLogger(__name__)

ROUND_START = time(10, 0)
WINDOW = timedelta(hours=1)
COLLECTS = {"contant": "cash", "pin": "card", "factuur": "nothing"}


def delivery_window(session, order: Order) -> tuple[datetime, datetime] | None:
    """When the order is expected at the door, once its round is planned."""
    stop = session.scalar(select(RoundStop).where(RoundStop.order_id == order.id, RoundStop.kind == "delivery"))
    return (stop.window_from, stop.window_until) if stop else None


def round_day_of(session, village: Village, day: date) -> RoundDay:
    """The village's record of a delivery day, made when first needed."""
    round_day = session.scalar(select(RoundDay).where(RoundDay.village_id == village.id, RoundDay.date == day)
                               .with_for_update())
    if round_day is None:
        round_day = RoundDay(village_id=village.id, date=day)
        session.add(round_day)
        session.flush()
    return round_day


def day_orders(session, village: Village, day: date) -> list[Order]:
    """The day's confirmed orders with something left to deliver, with what a round needs."""
    orders = session.scalars(
        select(Order).where(Order.village_id == village.id, Order.delivery_date == day,
                            Order.status == "confirmed").order_by(Order.number)
        .options(selectinload(Order.resident),
                 selectinload(Order.shop_orders).selectinload(ShopOrder.lines),
                 selectinload(Order.shop_orders).selectinload(ShopOrder.shop)))
    return [order for order in orders if bags(order)]


def bags(order: Order) -> int:
    """Bags at the door: one per shop with something left to deliver."""
    return sum(1 for so in order.shop_orders if any(not line.sold_out for line in so.lines))


def check_riders(session, village: Village, day: date, now: datetime) -> list[Outgoing]:
    """Before the cut-off: the coordinator hears, once, when the day's riders cannot carry it all."""
    round_day = round_day_of(session, village, day)
    if round_day.riders_checked_at is not None or round_day.closed_at is not None:
        return []
    round_day.riders_checked_at = now
    needed = sum(bags(order) for order in day_orders(session, village, day))
    riders = availability.riders_for(session, village, day)
    room = sum(rider.capacity_bags for rider in riders)
    if needed <= room:
        return []
    return tasks.ask_coordinator(session, village, "short_of_riders", "coordinator_short_of_riders",
                                 about=day.isoformat(), details={"date": day.isoformat(), "bags": needed, "room": room},
                                 day=day, bags=needed, room=room, riders=len(riders))


@dataclass
class Closed:
    """What closing a day did."""

    day: date
    rounds: list[DeliveryRound] = field(default_factory=list)
    unassigned: list[Order] = field(default_factory=list)
    flagged: list[Order] = field(default_factory=list)
    messages: list[Outgoing] = field(default_factory=list)
    plan: planning.Plan | None = None
    already: bool = False

    @property
    def metres(self) -> int:
        """The length of all rounds together."""
        return self.plan.distance_m if self.plan else 0

    @property
    def nearest_neighbour_metres(self) -> int:
        """What the same rounds would ride visiting the nearest stop each time: the yardstick."""
        return planning.nearest_neighbour_length(self.plan) if self.plan else 0


def close(session, village: Village, day: date, now: datetime) -> Closed:
    """Freeze the day's orders, plan a round per rider, and say so to everyone; once per day."""
    round_day = round_day_of(session, village, day)
    if round_day.closed_at is not None:
        return Closed(day, already=True)
    round_day.closed_at = now
    orders = day_orders(session, village, day)
    riders = availability.riders_for(session, village, day)
    plan = _plan(village, orders, riders)
    by_key = {_key(order): order for order in orders}
    closed = Closed(day, plan=plan, unassigned=[by_key[k] for k in plan.unassigned],
                    flagged=[by_key[k] for k in plan.flagged if k in by_key])
    starts_at = datetime.combine(day, ROUND_START, TIMEZONE)
    riders_by_key = {_key(rider): rider for rider in riders}
    shops = {_key(so.shop): so.shop for order in orders for so in order.shop_orders}
    for route in plan.routes:
        if route.stops:
            closed.rounds.append(_store(session, village, day, starts_at, riders_by_key[route.rider_key],
                                        route, by_key, shops, set(plan.flagged)))
    session.flush()
    closed.messages = _messages(session, village, day, closed, now)
    logger.info("closed %s %s: %d orders in %d rounds, %d without a rider", village.slug, day,
                len(orders), len(closed.rounds), len(closed.unassigned))
    return closed


def _key(thing) -> str:
    return {Order: "o", Shop: "s", Volunteer: "v"}[type(thing)] + str(thing.id)


def _plan(village: Village, orders: list[Order], riders: list[Volunteer]) -> planning.Plan:
    shops = {so.shop.id: so.shop for order in orders for so in order.shop_orders}
    pickups = [planning.Pickup(_key(shop), _place(shop)) for shop in shops.values()]
    deliveries = [planning.Delivery(_key(order), _place(order.resident, _key(order)), bags(order),
                                  frozenset(_key(so.shop) for so in order.shop_orders))
                  for order in orders]
    start = _start(village, list(shops.values()))
    return planning.plan_rounds(pickups, deliveries,
                              [planning.Rider(_key(rider), rider.capacity_bags) for rider in riders], start)


def _place(where, key: str | None = None) -> planning.Place:
    return planning.Place(key or _key(where), where.lat, where.lon, where.postcode)


def _start(village: Village, shops: list[Shop]) -> planning.Place:
    """Where rounds start: the middle of the village's shops."""
    located = [s for s in shops if s.lat is not None and s.lon is not None] or \
        [s for s in village.shops if s.lat is not None and s.lon is not None]
    lat, lon = planning.centroid(located) or (None, None)
    return planning.Place("start", lat, lon, "")


def _store(session, village, day, starts_at, rider, route, by_key, shops, flagged) -> DeliveryRound:
    delivery_round = DeliveryRound(village_id=village.id, date=day, volunteer=rider, starts_at=starts_at,
                                   distance_m=int(route.distance_m), duration_s=int(route.duration_s),
                                   bags=int(route.bags))
    for position, stop in enumerate(route.stops, start=1):
        eta = starts_at + timedelta(seconds=int(stop.eta_s))
        if stop.kind == "pickup":
            delivery_round.stops.append(RoundStop(position=position, kind="pickup", shop=shops[stop.key], eta=eta))
        else:
            window_from = max(_half_hour_before(eta), starts_at)
            delivery_round.stops.append(RoundStop(
                position=position, kind="delivery", order=by_key[stop.key], eta=eta,
                window_from=window_from, window_until=window_from + WINDOW,
                placed_by_postcode=stop.key in flagged))
    session.add(delivery_round)
    return delivery_round


def _half_hour_before(eta: datetime) -> datetime:
    """The half hour at or before a quarter of an hour ahead of the eta."""
    early = (eta - timedelta(minutes=15)).astimezone(TIMEZONE)
    return early.replace(minute=0 if early.minute < 30 else 30, second=0, microsecond=0)


def _messages(session, village: Village, day: date, closed: Closed, now: datetime) -> list[Outgoing]:
    messages = []
    for delivery_round in closed.rounds:
        stops = round_stops(delivery_round)
        messages += notices.messages(notices.volunteer(delivery_round.volunteer), "volunteer_round",
                                     village.language, stops=stops, day=day,
                                     start=_local(delivery_round.starts_at))
        messages += [_window_message(delivery_round, stop.door) for stop in stops if stop.door is not None]
    messages += shop_orders.packing_lists(village, day, pickups_by_shop(closed.rounds, closed.unassigned), now)
    messages += _tell_coordinator(session, village, day, closed)
    return messages


def pickups_by_shop(rounds: list[DeliveryRound], unassigned: list[Order]) -> dict[Shop, list[shop_orders.Pickup]]:
    """Each shop's pick-ups in time order: who collects which shop orders when, those without a rider last."""
    pickups: dict[Shop, list[shop_orders.Pickup]] = {}
    for delivery_round in rounds:
        for stop in round_stops(delivery_round):
            if stop.pickup is not None:
                pickups.setdefault(stop.pickup.shop, []).append(shop_orders.Pickup(
                    stop.at, delivery_round.volunteer.name, stop.shop_orders))
    for order in unassigned:
        for shop_order in order.shop_orders:
            pickups.setdefault(shop_order.shop, [])
            if not pickups[shop_order.shop] or pickups[shop_order.shop][-1].at is not None:
                pickups[shop_order.shop].append(shop_orders.Pickup(None, "", []))
            pickups[shop_order.shop][-1].shop_orders.append(shop_order)
    for shop_pickups in pickups.values():
        shop_pickups.sort(key=lambda pickup: (pickup.at is None, pickup.at))
    return pickups


@dataclass
class Numbered:
    """One stop of a round as the volunteer reads it."""

    number: int
    at: datetime
    pickup: RoundStop | None = None
    shop_orders: list[ShopOrder] = field(default_factory=list)
    door: RoundStop | None = None
    collect: str = ""
    amount_cents: int = 0


def round_stops(delivery_round: DeliveryRound) -> list[Numbered]:
    """The round's stops, each pick-up with the shop orders collected there for later doors."""
    numbered, last_pickup = [], {}
    for stop in delivery_round.stops:
        if stop.kind == "pickup":
            numbered.append(Numbered(stop.position, _local(stop.eta), pickup=stop))
            last_pickup[stop.shop_pk] = numbered[-1]
            continue
        order = stop.order
        for shop_order in order.shop_orders:
            if shop_order.shop_pk in last_pickup:
                last_pickup[shop_order.shop_pk].shop_orders.append(shop_order)
        numbered.append(Numbered(stop.position, _local(stop.eta), door=stop,
                                 collect=COLLECTS.get(order.resident.payment, "cash"), amount_cents=to_collect(order)))
    return numbered


def _local(moment: datetime) -> datetime:
    return moment.astimezone(TIMEZONE)


def _window_message(delivery_round: DeliveryRound, stop: RoundStop) -> Outgoing:
    order = stop.order
    resident = order.resident
    return notices.message(notices.resident(resident, order.channel), "resident_delivery_window",
                           resident.language, order=order, volunteer=delivery_round.volunteer,
                           start=_local(stop.window_from), end=_local(stop.window_until),
                           payment=resident.payment)


def _tell_coordinator(session, village: Village, day: date, closed: Closed) -> list[Outgoing]:
    messages = []
    for kind, orders, template in (("no_rider", closed.unassigned, "coordinator_no_rider"),
                                   ("check_address", closed.flagged, "coordinator_placed_by_postcode")):
        if not orders:
            continue
        messages += tasks.ask_coordinator(session, village, kind, template, about=day.isoformat(),
                                          details={"date": day.isoformat(), "orders": [o.number for o in orders]},
                                          day=day, orders=orders)
    return messages
