"""Delivery rounds for one village and one delivery day: which volunteer rides to which doors, in what order.

The model
---------
Every volunteer (`Rider`) rides one round on a cargo bike: from `start` (the hub where the bikes
stand) to the shops whose parcels their residents need (`Pickup`), then to those residents' doors
(`Delivery`), and back to `start`. A bike carries at most `capacity_bags` bags on that round; the
bags are loaded at the shops, so the load peaks after the last shop and a round fits when the bags
of its doors fit.

Travel times are bicycle times from coordinates: the haversine distance (metres, rounded per leg)
at `speed_kmh`, plus `service_seconds` at every stop. The matrix is built here; nothing calls a
routing server.

Planning is done in two phases, both by VROOM (pyvroom):

1. **Assignment.** The doors are sorted by bearing from `start` and cut into wedges ("sectors")
   of about 250 doors, each with about 5 riders (riders dealt out by capacity, doors in proportion
   to riders). Per sector one capacitated VRP over the doors only: a vehicle per rider, from and
   back to `start`, `capacity = capacity_bags` and `max_tasks` = an equal share of the sector's
   doors (rounded up). Without that share VROOM would give a few riders long rounds and leave
   others idle; with it, rounds differ by at most a door unless the bags do not fit. Doors the
   first pass could not place (a share too heavy for a bike) are offered in a second pass to every
   rider with room left, without the share; what still does not fit is `Plan.unassigned`. Sectors
   keep VROOM's work linear in the size of the day (one VRP over 2,000 doors and 40 bikes takes
   VROOM tens of seconds here before it even starts improving), at the price of never trading
   doors across a sector's edge. The shops are left out of this phase: every round visits (most
   of) them, near the centre, so they barely change who should take which door.
2. **Order.** Per round, one single-vehicle problem over the shops it needs and its doors. Any leg
   from a door to a shop costs more than every round without such a leg could, so VROOM visits all
   shops before the first door and chooses the order within both groups; distances, durations
   and arrival times are then computed from the real legs.

Places without coordinates are placed at the centroid of the known places with the same 4-digit
postcode, or else at `start`; deliveries placed that way are listed in `Plan.flagged`, so the
coordinator can check them.

`time_limit` is the wall-clock search VROOM gets in all: half for the sectors, half for the
orders, shared over two threads (VROOM releases the GIL). Its construction heuristics run before
and on top of that; `benchmarks/routes.py` measures the whole.
"""
from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import timedelta
from typing import Literal

import numpy as np
import vroom

logger = logging.getLogger(__name__)

EARTH_RADIUS_M = 6_371_008.8
PROFILE = "bike"
THREADS = 2
ASSIGN_LEVEL = 0
ORDER_LEVEL = 0
SECTOR_RIDERS = 5
SECTOR_DOORS = 250


@dataclass(frozen=True)
class Place:
    """A point on the map; `lat`/`lon` may be unknown, the postcode then places it."""

    key: str
    lat: float | None
    lon: float | None
    postcode: str = ""

    @property
    def located(self) -> bool:
        """Whether both coordinates are known."""
        return self.lat is not None and self.lon is not None


@dataclass(frozen=True)
class Pickup:
    """A shop where riders collect their residents' bags."""

    key: str
    place: Place


@dataclass(frozen=True)
class Delivery:
    """One resident's order: `bags` bags to a door, collected at the shops in `pickups`."""

    key: str
    place: Place
    bags: int
    pickups: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Rider:
    """A volunteer with a cargo bike that carries `capacity_bags` bags."""

    key: str
    capacity_bags: int


@dataclass(frozen=True)
class Stop:
    """One stop of a round; `eta_s` is the arrival, in seconds after the round starts."""

    kind: Literal["pickup", "delivery"]
    key: str
    place: Place
    eta_s: int


@dataclass
class Route:
    """One rider's round: shops, then doors, then back to the start."""

    rider_key: str
    stops: list[Stop]
    distance_m: int
    duration_s: int
    bags: int


@dataclass
class Plan:
    """The day's rounds, the deliveries nobody could take, and those placed by postcode."""

    routes: list[Route] = field(default_factory=list)
    unassigned: list[str] = field(default_factory=list)
    flagged: list[str] = field(default_factory=list)
    start: Place | None = None

    @property
    def distance_m(self) -> int:
        """The length of all rounds together, in metres."""
        return sum(route.distance_m for route in self.routes)


@dataclass
class _Day:
    """The located inputs; location 0 is the start, then the shops, then the doors."""

    start: Place
    shops: list[Pickup]
    doors: list[Delivery]
    speed_mps: float
    service_s: int
    lat: np.ndarray = field(init=False)
    lon: np.ndarray = field(init=False)

    def __post_init__(self):
        places = [self.start, *(shop.place for shop in self.shops), *(door.place for door in self.doors)]
        self.lat = np.radians([place.lat for place in places])
        self.lon = np.radians([place.lon for place in places])

    def shop_location(self, shop: int) -> int:
        """The location of a shop."""
        return 1 + shop

    def door_location(self, door: int) -> int:
        """The location of a door."""
        return 1 + len(self.shops) + door

    def metres(self, origins: list[int], targets: list[int]) -> np.ndarray:
        """Rounded haversine metres from each origin (rows) to each target (columns)."""
        return _haversine(self.lat[origins, None], self.lon[origins, None], self.lat[None, targets],
                          self.lon[None, targets])

    def legs(self, path: list[int]) -> np.ndarray:
        """Rounded haversine metres of each leg along a path of locations."""
        here, there = path[:-1], path[1:]
        return _haversine(self.lat[here], self.lon[here], self.lat[there], self.lon[there])

    def seconds(self, metres: np.ndarray) -> np.ndarray:
        """Whole seconds to ride these distances."""
        return np.rint(metres / self.speed_mps).astype(np.int64)


def plan_rounds(pickups: Iterable[Pickup], deliveries: Iterable[Delivery], riders: Iterable[Rider],
                start: Place, speed_kmh: float = 15.0, service_seconds: int = 120,
                time_limit: float = 5.0) -> Plan:
    """Plan one round per rider: shops first, then doors, balanced over riders within capacity."""
    began = time.monotonic()
    day, flagged = _locate(start, list(pickups), list(deliveries), speed_kmh, service_seconds)
    usable = [rider for rider in riders if rider.capacity_bags > 0]
    assignment = _assign(day, usable, time_limit / 2) if day.doors and usable else {}
    order_limit = time_limit / 2 * THREADS / max(len(assignment), 1)
    with ThreadPoolExecutor(THREADS) as pool:
        routes = list(pool.map(lambda item: _route(day, usable[item[0]], item[1], _order(day, item[1], order_limit)),
                               sorted(assignment.items())))
    taken = {stop.key for route in routes for stop in route.stops if stop.kind == "delivery"}
    unassigned = [door.key for door in day.doors if door.key not in taken]
    logger.info("planned %d rounds for %d deliveries (%d unassigned, %d placed by postcode) in %.1f s",
                len(routes), len(day.doors), len(unassigned), len(flagged), time.monotonic() - began)
    return Plan(routes, unassigned, flagged, day.start)


def nearest_neighbour_length(plan: Plan) -> int:
    """Metres the same rounds would take when each went to the nearest unvisited stop instead.

    A fair yardstick for the order VROOM chose: the same riders with the same stops, under the same
    rules (from the start to the nearest shop still to visit until all its shops are done, then to
    the nearest door still to visit, then back to the start), measured with the same rounded
    haversine legs as `Route.distance_m`. It judges the order only, not the assignment.
    """
    return sum(_nearest_neighbour_route(plan.start, route) for route in plan.routes)


def _locate(start: Place, pickups: list[Pickup], deliveries: list[Delivery], speed_kmh: float,
            service_s: int) -> tuple[_Day, list[str]]:
    """Give every place coordinates and name the deliveries that were placed by postcode."""
    known = [p for p in [start, *(s.place for s in pickups), *(d.place for d in deliveries)] if p.located]
    centroids = _postcode_centroids(known)
    start = _placed(start, centroids, centroid(known) or (0.0, 0.0))
    anchor = (start.lat, start.lon)
    shops = [replace(shop, place=_placed(shop.place, centroids, anchor)) for shop in _unique(pickups)]
    doors = [replace(door, place=_placed(door.place, centroids, anchor)) for door in deliveries]
    flagged = [door.key for door in deliveries if not door.place.located]
    for shop in pickups:
        if not shop.place.located:
            logger.warning("shop %s has no coordinates; placed by postcode", shop.key)
    return _Day(start, shops, doors, speed_kmh / 3.6, service_s), flagged


def _unique(pickups: list[Pickup]) -> list[Pickup]:
    """The shops, each key once (the first wins)."""
    return list({shop.key: shop for shop in reversed(pickups)}.values())[::-1]


def _postcode_centroids(known: list[Place]) -> dict[str, tuple[float, float]]:
    """The mean coordinates of the known places per 4-digit postcode."""
    groups: dict[str, list[Place]] = {}
    for place in known:
        if digits := _postcode4(place.postcode):
            groups.setdefault(digits, []).append(place)
    return {digits: centroid(places) for digits, places in groups.items()}


def _postcode4(postcode: str) -> str:
    """The four digits of a Dutch postcode ("8064 AB" gives "8064"), or ""."""
    match = re.match(r"\s*(\d{4})", postcode or "")
    return match.group(1) if match else ""


def centroid(places: list) -> tuple[float, float] | None:
    """The mean latitude and longitude of some located places (or shops), or None for none."""
    if not places:
        return None
    return (sum(p.lat for p in places) / len(places), sum(p.lon for p in places) / len(places))


def _placed(place: Place, centroids: dict[str, tuple[float, float]], fallback: tuple[float, float]) -> Place:
    """The place itself when located, else moved to its postcode's centroid or the fallback."""
    if place.located:
        return place
    lat, lon = centroids.get(_postcode4(place.postcode), fallback)
    return replace(place, lat=lat, lon=lon)


def _haversine(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle metres between points given in radians (broadcasting), rounded."""
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return np.rint(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))).astype(np.int64)


def _assign(day: _Day, riders: list[Rider], time_limit: float) -> dict[int, list[int]]:
    """Doors per rider index: sector by sector an equal share each, then the rest to whoever has room."""
    sectors = _sectors(day, riders)
    timeout = time_limit * THREADS / len(sectors)
    with ThreadPoolExecutor(THREADS) as pool:
        parts = list(pool.map(lambda sector: _solve_assignment(
            day, sector[1], {r: riders[r].capacity_bags for r in sector[0]},
            math.ceil(len(sector[1]) / len(sector[0])), timeout), sectors))
    assignment = {rider: doors for part in parts for rider, doors in part.items()}
    room = {i: r.capacity_bags - sum(day.doors[d].bags for d in assignment.get(i, [])) for i, r in enumerate(riders)}
    taken = {door for doors in assignment.values() for door in doors}
    left = [door for door in range(len(day.doors)) if door not in taken and day.doors[door].bags <= max(room.values())]
    if left:
        logger.info("%d deliveries did not fit their share; offering them to riders with room", len(left))
        for rider, extra in _solve_assignment(day, left, room, None, timeout).items():
            assignment.setdefault(rider, []).extend(extra)
    return assignment


def _sectors(day: _Day, riders: list[Rider]) -> list[tuple[list[int], list[int]]]:
    """Riders and doors split into wedges around the start, doors in proportion to riders."""
    count = max(1, min(math.ceil(len(riders) / SECTOR_RIDERS), math.ceil(len(day.doors) / SECTOR_DOORS)))
    by_capacity = sorted(range(len(riders)), key=lambda r: -riders[r].capacity_bags)
    crews = [by_capacity[i::count] for i in range(count)]
    doors = _by_bearing(day)
    cuts = np.cumsum([0, *(len(crew) for crew in crews)]) * len(doors) // len(riders)
    return [(crew, doors[cuts[i]:cuts[i + 1]]) for i, crew in enumerate(crews)]


def _by_bearing(day: _Day) -> list[int]:
    """Door indices sorted by their bearing from the start, then by distance."""
    north = np.array([door.place.lat - day.start.lat for door in day.doors])
    east = np.array([door.place.lon - day.start.lon for door in day.doors]) * math.cos(math.radians(day.start.lat))
    far = day.metres([0], [day.door_location(door) for door in range(len(day.doors))])[0]
    return np.lexsort((far, np.arctan2(east, north))).tolist()


def _solve_assignment(day: _Day, doors: list[int], room: dict[int, int], share: int | None,
                      time_limit: float) -> dict[int, list[int]]:
    """One VROOM run giving these doors to riders with this much room each: rider index -> doors."""
    places = [0, *(day.door_location(door) for door in doors)]
    problem = vroom.Input()
    problem.set_durations_matrix(PROFILE, day.seconds(day.metres(places, places)))
    for rider, bags in room.items():
        if bags > 0:
            problem.add_vehicle(vroom.Vehicle(rider, start=0, end=0, profile=PROFILE, capacity=[bags],
                                              max_tasks=share))
    for index, door in enumerate(doors, start=1):
        problem.add_job(vroom.Job(door, location=index, delivery=[max(day.doors[door].bags, 0)]))
    solution = problem.solve(exploration_level=ASSIGN_LEVEL, nb_threads=1, timeout=timedelta(seconds=time_limit))
    return _jobs_per_vehicle(solution)


def _jobs_per_vehicle(solution) -> dict[int, list[int]]:
    """The job ids of a VROOM solution per vehicle id, in visiting order."""
    steps = solution.routes
    if "id" not in steps:  # pyvroom drops the column when no job was assigned
        return {}
    steps = steps[steps["type"] == "job"]
    routes: dict[int, list[int]] = {}
    for vehicle, job in zip(steps["vehicle_id"].tolist(), steps["id"].tolist()):
        routes.setdefault(int(vehicle), []).append(int(job))
    return routes


def _order(day: _Day, doors: list[int], time_limit: float) -> list[int]:
    """Matrix locations of one round in visiting order: its shops, then its doors."""
    shops = _needed_shops(day, doors)
    places = [0, *(day.shop_location(s) for s in shops), *(day.door_location(d) for d in doors)]
    costs = day.seconds(day.metres(places, places))
    costs[1 + len(shops):, 1:1 + len(shops)] += costs.max() * len(places) + 1
    problem = vroom.Input()
    problem.set_durations_matrix(PROFILE, costs)
    problem.add_vehicle(vroom.Vehicle(0, start=0, end=0, profile=PROFILE))
    for index in range(1, len(places)):
        problem.add_job(vroom.Job(index, location=index))
    solution = problem.solve(exploration_level=ORDER_LEVEL, nb_threads=1, timeout=timedelta(seconds=time_limit))
    return [places[job] for job in _jobs_per_vehicle(solution).get(0, [])]


def _needed_shops(day: _Day, doors: list[int]) -> list[int]:
    """Indices of the shops these doors need parcels from; unknown shop keys are logged."""
    index = {shop.key: i for i, shop in enumerate(day.shops)}
    needed: set[int] = set()
    for door in doors:
        for key in day.doors[door].pickups:
            if key in index:
                needed.add(index[key])
            else:
                logger.warning("delivery %s needs unknown shop %s", day.doors[door].key, key)
    return sorted(needed)


def _route(day: _Day, rider: Rider, doors: list[int], locations: list[int]) -> Route:
    """The rider's round along these locations and back to the start, with arrival times and totals."""
    path = [0, *locations, 0]
    metres = day.legs(path)
    arrivals = np.cumsum(day.seconds(metres)) + day.service_s * np.arange(len(path) - 1)
    stops = [_stop(day, location, int(eta)) for location, eta in zip(locations, arrivals)]
    return Route(rider.key, stops, int(metres.sum()), int(arrivals[-1]), sum(day.doors[door].bags for door in doors))


def _stop(day: _Day, location: int, eta_s: int) -> Stop:
    """The stop at a matrix location (a shop or a door)."""
    if location <= len(day.shops):
        shop = day.shops[location - 1]
        return Stop("pickup", shop.key, shop.place, eta_s)
    door = day.doors[location - 1 - len(day.shops)]
    return Stop("delivery", door.key, door.place, eta_s)


def _nearest_neighbour_route(start: Place, route: Route) -> int:
    """Metres of one round ordered greedily: nearest shop first, then nearest door, then home."""
    here, metres = start, 0
    for kind in ("pickup", "delivery"):
        todo = [stop.place for stop in route.stops if stop.kind == kind]
        while todo:
            legs = _legs_from(here, todo)
            nearest = int(np.argmin(legs))
            metres += int(legs[nearest])
            here = todo.pop(nearest)
    return metres + int(_legs_from(here, [start])[0])


def _legs_from(here: Place, places: list[Place]) -> np.ndarray:
    """Rounded haversine metres from one place to each of some places."""
    lat = np.radians([p.lat for p in places])
    lon = np.radians([p.lon for p in places])
    return _haversine(math.radians(here.lat), math.radians(here.lon), lat, lon)
