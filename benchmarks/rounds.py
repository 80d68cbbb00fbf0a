"""Seconds for `dorpslijn rounds close` on a busy day, and its route length against nearest-neighbour.

Run: .venv/bin/python benchmarks/rounds.py [--residents 5000] [--orders 2000] [--capacity 140]

A village of 5,000 residents, 20 shops and 40 volunteers is written to a temporary SQLite
database (or to DATABASE_URL when set; it must hold no village yet), with 2,000 confirmed
orders for one delivery day (1 to 3 shops each, the shops have accepted). Then the command
itself runs, timed: the day frozen, riders assigned, routes planned, rounds, stops and time
windows stored, every round message, time window and packing list put in the outbox and
queued on Redis (REDIS_URL, or an embedded one under a temporary folder). The geography is the one of
benchmarks/routes.py: shops near the market square, residents within about 3 km, 1% without
coordinates. Bikes carry `--capacity` bags; one round per rider, so the day must fit.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import sys
import tempfile
import time
from contextlib import redirect_stdout
from datetime import datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.routes import SHOP_WEIGHTS, point_near  # noqa: E402

PAYMENTS = ["contant"] * 5 + ["pin"] * 3 + ["factuur"] * 2


def build(url: str, residents: int, orders: int, riders: int, capacity: int, seed: int):
    """Write the village and its day of orders; the village id and the delivery day."""
    from sqlalchemy import func, select
    from dorpslijn.db import session_scope
    from orders.calendar import TIMEZONE, next_delivery_day
    from orders.models import Order, OrderLine, Product, Resident, Shop, ShopOrder, Village, Volunteer
    rng = random.Random(seed)
    with session_scope(url) as session:
        if session.scalar(select(func.count()).select_from(Village)):
            sys.exit("DATABASE_URL already holds a village; give the benchmark an empty database")
        village = Village(slug="bench", name="Benchdorp", phone="+31850000000", coordinator_phone="+31600000000",
                          delivery_days="di,vr")
        session.add(village)
        session.flush()
        shops = [Shop(village_id=village.id, shop_id=f"shop{i:02d}", name=f"Winkel {i}", phone=f"+3161000{i:04d}",
                      address=f"Markt {i}", postcode="8064 AA", lat=lat, lon=lon)
                 for i, (lat, lon) in enumerate(point_near(rng, 400) for _ in range(20))]
        session.add_all(shops)
        session.flush()
        products = {shop.id: [Product(village_id=village.id, shop_pk=shop.id, sku=f"{shop.shop_id}-{n}",
                                      name=f"Product {n}", unit="stuk", price_cents=rng.randint(50, 900))
                              for n in range(10)] for shop in shops}
        session.add_all(p for group in products.values() for p in group)
        people = []
        for i in range(residents):
            town = rng.random() < 0.8
            lat, lon = point_near(rng, 1200 if town else 3000)
            located = rng.random() >= 0.01
            people.append(Resident(village_id=village.id, name=f"Bewoner {i}", phone=f"+3162{i:07d}",
                                   address=f"Dorpsstraat {i}", postcode="8064 AB" if town else "8066 CD",
                                   lat=lat if located else None, lon=lon if located else None,
                                   notes=rng.choice(["", "", "bel 2x aan", "achterdeur"]),
                                   payment=rng.choice(PAYMENTS)))
        session.add_all(people)
        session.add_all(Volunteer(village_id=village.id, name=f"Vrijwilliger {i}", phone=f"+3163{i:07d}",
                                  capacity_bags=capacity) for i in range(riders))
        session.flush()
        now = datetime.now(TIMEZONE)
        day = next_delivery_day(village, now).date
        for number, resident in enumerate(rng.sample(people, orders), start=1000):
            order = Order(village_id=village.id, resident_id=resident.id, number=number, status="confirmed",
                          delivery_date=day, confirmed_at=now)
            for shop in set(rng.choices(shops, SHOP_WEIGHTS, k=rng.randint(1, 3))):
                shop_order = ShopOrder(shop_pk=shop.id, status="accepted")
                for product in rng.sample(products[shop.id], rng.randint(1, 3)):
                    shop_order.lines.append(OrderLine(product_id=product.id, sku=product.sku, name=product.name,
                                                      unit="stuk", quantity=Decimal(rng.randint(1, 4)),
                                                      price_cents=product.price_cents))
                order.shop_orders.append(shop_order)
            session.add(order)
        village.next_order_number = 1000 + orders
        return village.id, day


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=5000)
    ap.add_argument("--orders", type=int, default=2000)
    ap.add_argument("--riders", type=int, default=40)
    ap.add_argument("--capacity", type=int, default=140, help="bags per bike")
    ap.add_argument("--seed", type=int, default=5)
    args = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="dorpslijn-bench-rounds-")
    os.environ["DORPSLIJN_INSTANCE"] = folder
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.db")

    from cli.main import main as dorpslijn
    from dorpslijn.config import load_settings
    from dorpslijn.migrate import upgrade
    from dorpslijn.redis_server import stop_embedded
    settings = load_settings()
    upgrade(settings.database_url)
    began = time.perf_counter()
    _, day = build(settings.database_url, args.residents, args.orders, args.riders, args.capacity, args.seed)
    print(f"built {args.residents} residents, 20 shops, {args.riders} volunteers, {args.orders} orders "
          f"for {day} in {time.perf_counter() - began:.1f} s")

    out = io.StringIO()
    began = time.perf_counter()
    with redirect_stdout(out):
        dorpslijn(["rounds", "close", "--date", day.isoformat()])
    seconds = time.perf_counter() - began
    summary = dict(part.split(": ") for part in out.getvalue().strip().split(", "))
    km, naive = float(summary["km"]), float(summary["nearest_neighbour_km"])
    print(f"rounds close: {seconds:.1f} s (goal < 30 s): {summary['rounds']} rounds, "
          f"{summary['unassigned']} orders without a rider, {summary['flagged']} placed by postcode, "
          f"{summary['messages']} messages queued")
    print(f"total route length {km:.1f} km; nearest neighbour over the same rounds {naive:.1f} km "
          f"({100 * (naive - km) / naive:.1f}% shorter)")
    stop_embedded(Path(folder))


if __name__ == "__main__":
    main()
