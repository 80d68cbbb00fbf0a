"""Delivery rounds as a volunteer and the coordinator would notice them."""
import math
import random

import pytest

from orders.planning import Delivery, Pickup, Place, Rider, nearest_neighbour_length, plan_rounds

MARKT = Place("markt", 52.639, 6.071, "8064 AA")
SHOPS = [Pickup("bakker", Place("bakker", 52.6395, 6.0715, "8064 AB")),
         Pickup("slager", Place("slager", 52.6385, 6.0705, "8064 AC")),
         Pickup("groente", Place("groente", 52.6392, 6.0722, "8064 AD"))]


def around(metres_north: float, metres_east: float) -> tuple[float, float]:
    """Coordinates this far from the market square."""
    return (MARKT.lat + metres_north / 111_320,
            MARKT.lon + metres_east / (111_320 * math.cos(math.radians(MARKT.lat))))


def spread_out_day(count: int, seed: int = 3) -> list[Delivery]:
    """Residents up to 3 km around the square, each needing one or two of the shops."""
    rng = random.Random(seed)
    day = []
    for i in range(count):
        distance, angle = 3000 * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
        lat, lon = around(distance * math.cos(angle), distance * math.sin(angle))
        needs = frozenset(shop.key for shop in rng.sample(SHOPS, rng.randint(1, 2)))
        day.append(Delivery(str(100 + i), Place(str(100 + i), lat, lon, "8064 BB"), rng.randint(1, 3), needs))
    return day


def doors(route) -> list[str]:
    """The delivery keys of a round, in order."""
    return [stop.key for stop in route.stops if stop.kind == "delivery"]


@pytest.fixture(scope="module")
def busy_day():
    """60 residents, 4 volunteers with room for all of them."""
    deliveries = spread_out_day(60)
    riders = [Rider(name, 60) for name in ("anna", "bert", "cor", "dini")]
    return deliveries, riders, plan_rounds(SHOPS, deliveries, riders, MARKT, time_limit=1)


def test_every_round_collects_at_the_shops_before_the_first_door(busy_day):
    _, _, plan = busy_day
    for route in plan.routes:
        kinds = [stop.kind for stop in route.stops]
        assert kinds == sorted(kinds, key=lambda kind: kind != "pickup"), route.rider_key
        assert kinds[0] == "pickup"


def test_a_round_visits_exactly_the_shops_its_residents_need(busy_day):
    deliveries, _, plan = busy_day
    needs = {d.key: d.pickups for d in deliveries}
    for route in plan.routes:
        shops = [stop.key for stop in route.stops if stop.kind == "pickup"]
        assert sorted(shops) == sorted(set().union(*(needs[key] for key in doors(route))))


def test_every_delivery_is_in_one_round_or_unassigned(busy_day):
    deliveries, _, plan = busy_day
    planned = [key for route in plan.routes for key in doors(route)] + plan.unassigned
    assert sorted(planned) == sorted(d.key for d in deliveries)


def test_no_volunteer_is_idle_while_another_rides_a_long_round(busy_day):
    _, riders, plan = busy_day
    counts = sorted(len(doors(route)) for route in plan.routes)
    assert len(plan.routes) == len(riders)
    assert counts[0] >= counts[-1] - 1, counts


def test_arrival_times_grow_along_the_round(busy_day):
    _, _, plan = busy_day
    for route in plan.routes:
        etas = [stop.eta_s for stop in route.stops]
        assert etas == sorted(etas) and etas[0] > 0
        assert route.duration_s > etas[-1]


def test_no_bike_carries_more_bags_than_it_holds():
    deliveries = spread_out_day(30, seed=8)
    riders = [Rider("anna", 20), Rider("bert", 12), Rider("cor", 4)]
    plan = plan_rounds(SHOPS, deliveries, riders, MARKT, time_limit=1)
    bags = {d.key: d.bags for d in deliveries}
    capacity = {r.key: r.capacity_bags for r in riders}
    for route in plan.routes:
        assert route.bags == sum(bags[key] for key in doors(route)) <= capacity[route.rider_key]
    assert sum(bags.values()) > 36 and plan.unassigned
    carried = {route.rider_key: route.bags for route in plan.routes}
    most_room = max(capacity[key] - carried.get(key, 0) for key in capacity)
    assert all(bags[key] > most_room for key in plan.unassigned)


def test_a_small_bike_does_not_leave_orders_behind_that_a_big_one_can_take():
    deliveries = spread_out_day(20, seed=5)
    riders = [Rider("anna", 100), Rider("bert", 3)]
    plan = plan_rounds(SHOPS, deliveries, riders, MARKT, time_limit=1)
    assert plan.unassigned == []


def test_the_solver_beats_a_nearest_neighbour_round():
    # Doors on a line east and west of the square: the nearest door is always on the other side.
    line = [150, -200, 350, -450, 700, -900, 1300, -1600]
    deliveries = [Delivery(f"d{i}", Place(f"d{i}", *around(0, east)), 1, frozenset({"bakker"}))
                  for i, east in enumerate(line)]
    plan = plan_rounds(SHOPS, deliveries, [Rider("anna", 20)], MARKT, time_limit=1)
    [route] = plan.routes
    assert route.distance_m < nearest_neighbour_length(plan)


def test_the_solver_is_never_longer_than_nearest_neighbour_on_a_busy_day(busy_day):
    _, _, plan = busy_day
    assert plan.distance_m <= nearest_neighbour_length(plan)


def test_a_resident_without_coordinates_is_placed_by_postcode_and_flagged():
    neighbours = [Delivery(f"n{i}", Place(f"n{i}", *around(2000, 100 * i), "8066 CD"), 1, frozenset({"bakker"}))
                  for i in range(3)]
    lost = Delivery("777", Place("777", None, None, "8066 XY"), 2, frozenset({"slager"}))
    plan = plan_rounds(SHOPS, [*neighbours, lost], [Rider("anna", 20)], MARKT, time_limit=1)
    assert plan.flagged == ["777"]
    [stop] = [stop for route in plan.routes for stop in route.stops if stop.key == "777"]
    assert stop.place.lat == pytest.approx(sum(n.place.lat for n in neighbours) / 3)
    assert stop.place.lon == pytest.approx(sum(n.place.lon for n in neighbours) / 3)


def test_a_resident_with_an_unknown_postcode_is_placed_at_the_start():
    lost = Delivery("778", Place("778", None, 6.2, "9999"), 1, frozenset())
    plan = plan_rounds(SHOPS, [lost], [Rider("anna", 5)], MARKT, time_limit=1)
    assert plan.flagged == ["778"]
    assert (plan.routes[0].stops[0].place.lat, plan.routes[0].stops[0].place.lon) == (MARKT.lat, MARKT.lon)


def test_without_volunteers_every_order_is_unassigned():
    deliveries = spread_out_day(5)
    for riders in ([], [Rider("anna", 0)]):
        plan = plan_rounds(SHOPS, deliveries, riders, MARKT)
        assert plan.routes == []
        assert plan.unassigned == [d.key for d in deliveries]


def test_an_empty_day_plans_nothing():
    plan = plan_rounds([], [], [Rider("anna", 10)], MARKT)
    assert (plan.routes, plan.unassigned, plan.flagged) == ([], [], [])
    assert nearest_neighbour_length(plan) == 0


def test_neighbours_in_one_building_are_both_delivered():
    flat = around(500, 500)
    deliveries = [Delivery(key, Place(key, *flat), 1, frozenset({"groente"})) for key in ("301", "302")]
    plan = plan_rounds(SHOPS, deliveries, [Rider("anna", 5), Rider("bert", 5)], MARKT, time_limit=1)
    assert sorted(key for route in plan.routes for key in doors(route)) == ["301", "302"]
