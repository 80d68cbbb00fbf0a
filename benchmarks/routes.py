"""Seconds to plan a busy delivery day, and its length against a nearest-neighbour tour.

Run: .venv/bin/python benchmarks/routes.py [--deliveries N] [--riders R] [--seed S] [--time-limit T]
The village is generated around Zwartsluis (52.639 N, 6.071 E), the same every run: 20 shops
within 400 m of the market square, 2,000 residents within about 3 km (most in the town, some on
the farms around it, a few with only a postcode), 40 riders. Only the routing is timed; the
database side of `rounds close` is not part of this benchmark.
"""
from __future__ import annotations

import argparse
import math
import random
import statistics
import time

from orders.planning import Delivery, Pickup, Place, Rider, nearest_neighbour_length, plan_rounds

CENTRE = (52.639, 6.071)
METRES_PER_DEGREE = 111_320
SHOP_WEIGHTS = [8, 5, 4, 3, 3] + [1] * 15  # the supermarket and the baker sell to most residents


def point_near(rng: random.Random, radius_m: float) -> tuple[float, float]:
    """A point uniformly spread within `radius_m` of the centre."""
    distance, angle = radius_m * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
    lat = CENTRE[0] + distance * math.cos(angle) / METRES_PER_DEGREE
    lon = CENTRE[1] + distance * math.sin(angle) / (METRES_PER_DEGREE * math.cos(math.radians(CENTRE[0])))
    return lat, lon


def village(deliveries: int, riders: int, seed: int):
    """Shops, deliveries, riders and the start of one generated delivery day."""
    rng = random.Random(seed)
    shops = [Pickup(f"shop{i:02d}", Place(f"shop{i:02d}", *point_near(rng, 400), "8064")) for i in range(20)]
    orders = []
    for i in range(deliveries):
        town = rng.random() < 0.8
        lat, lon = point_near(rng, 1200 if town else 3000)
        postcode = "8064" if town else "8066"
        if rng.random() < 0.01:
            lat = lon = None
        needs = frozenset(s.key for s in rng.choices(shops, SHOP_WEIGHTS, k=rng.randint(1, 3)))
        place = Place(str(1000 + i), lat, lon, f"{postcode} {chr(65 + i % 26)}{chr(65 + i // 26 % 26)}")
        orders.append(Delivery(str(1000 + i), place, len(needs) + rng.randint(0, 1), needs))
    bikes = [Rider(f"rider{i:02d}", 140) for i in range(riders)]
    return shops, orders, bikes, Place("markt", *CENTRE, "8064")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--deliveries", type=int, default=2000)
    ap.add_argument("--riders", type=int, default=40)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--time-limit", type=float, default=5.0, help="seconds of search given to VROOM")
    args = ap.parse_args()
    shops, orders, riders, start = village(args.deliveries, args.riders, args.seed)

    began = time.perf_counter()
    plan = plan_rounds(shops, orders, riders, start, time_limit=args.time_limit)
    seconds = time.perf_counter() - began

    doors = [sum(stop.kind == "delivery" for stop in route.stops) for route in plan.routes]
    naive = nearest_neighbour_length(plan)
    print(f"{len(orders)} deliveries, {len(shops)} shops, {len(riders)} riders: planned in {seconds:.1f} s")
    print(f"rounds: {len(plan.routes)}, doors per round {min(doors, default=0)}-{max(doors, default=0)} "
          f"(mean {statistics.mean(doors or [0]):.1f}), longest {max(r.duration_s for r in plan.routes) / 3600:.1f} h, "
          f"unassigned {len(plan.unassigned)}, placed by postcode {len(plan.flagged)}")
    print(f"total length: {plan.distance_m / 1000:.1f} km; nearest neighbour over the same rounds: "
          f"{naive / 1000:.1f} km ({100 * (naive - plan.distance_m) / naive:.1f}% saved)")


if __name__ == "__main__":
    main()
