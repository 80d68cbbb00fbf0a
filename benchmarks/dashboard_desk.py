"""Milliseconds for the dashboard's Cijfers and Zoeken pages on a village of 5,000 residents and
a year of orders (goal: under 200 ms each).

Run: .venv/bin/python benchmarks/dashboard_desk.py [--residents 5000] [--orders-per-day 150]

The village (20 shops of 10 products, residents with numbers +3161234xxxx) is written to a
temporary SQLite database (or to DATABASE_URL when set; it must hold no village yet) with two
delivery days a week for 52 weeks, each order delivered, of one or two shops. Each page is
then fetched through the app as a signed-in coordinator, the median of `--runs` runs reported.
"""
from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PAGES = ["/dashboard/figures/", "/dashboard/figures/shops.csv", "/dashboard/search/?q=06-1234+56",
         "/dashboard/search/?q=jansen", "/dashboard/search/?q=1234"]
PASSWORD = "benchmark-2026"


def build(url: str, residents: int, per_day: int, seed: int) -> None:
    """Write the village, its residents and a year of delivered orders."""
    from sqlalchemy import insert
    from dorpslijn.db import session_scope
    from orders.models import Order, OrderLine, Product, Resident, Shop, ShopOrder, Village
    from web.dashboard.accounts import set_coordinator
    rng = random.Random(seed)
    with session_scope(url) as session:
        village = Village(slug="bench", name="Benchdorp", phone="+31850000000", coordinator_phone="+31600000000")
        session.add(village)
        session.flush()
        shops = [Shop(village_id=village.id, shop_id=f"shop{i:02d}", name=f"Winkel {i}", phone=f"+3161000{i:04d}")
                 for i in range(20)]
        session.add_all(shops)
        session.flush()
        products = [Product(village_id=village.id, shop_pk=shop.id, sku=f"{shop.shop_id}-{n}", name=f"Product {n}",
                            unit="stuk", price_cents=rng.randint(50, 900)) for shop in shops for n in range(10)]
        session.add_all(products)
        session.execute(insert(Resident), [
            {"id": i + 1, "village_id": village.id, "name": f"{rng.choice(['Jansen', 'De Vries', 'Bakker'])} {i}",
             "phone": f"+3161234{i:04d}", "address": f"Dorpsstraat {i}"} for i in range(residents)])
        session.flush()
        orders, shop_orders, lines = [], [], []
        first = date(2025, 11, 25)
        channels = ["sms"] * 6 + ["whatsapp"] * 2 + ["telegram", "voice", "staff"]
        for day in (first + timedelta(days=d) for d in range(365)):
            if day.weekday() not in (1, 4):
                continue
            for _ in range(per_day):
                order_id = len(orders) + 1
                orders.append({"id": order_id, "village_id": village.id, "resident_id": rng.randint(1, residents),
                               "number": 100 + order_id, "status": "delivered", "delivery_date": day,
                               "channel": rng.choice(channels),
                               "confirmed_at": datetime.combine(day, datetime.min.time(), timezone.utc)})
                for shop in rng.sample(shops, rng.randint(1, 2)):
                    shop_orders.append({"id": len(shop_orders) + 1, "order_id": order_id, "shop_pk": shop.id,
                                        "status": "delivered"})
                    product = products[shops.index(shop) * 10 + rng.randrange(10)]
                    lines.append({"shop_order_id": len(shop_orders), "product_id": product.id, "sku": product.sku,
                                  "name": product.name, "unit": "stuk", "quantity": rng.randint(1, 4),
                                  "price_cents": product.price_cents})
        session.execute(insert(Order), orders)
        session.execute(insert(ShopOrder), shop_orders)
        session.execute(insert(OrderLine), lines)
        set_coordinator(session, "bench", "bench@dorpslijn.test", PASSWORD)
        print(f"built {residents} residents and {len(orders)} orders over a year")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--residents", type=int, default=5000)
    ap.add_argument("--orders-per-day", type=int, default=150)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="dorpslijn-bench-desk-")
    os.environ["DORPSLIJN_INSTANCE"] = folder
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.db")
    from dorpslijn.config import load_settings
    from dorpslijn.migrate import upgrade
    from web import create_app
    settings = load_settings()
    upgrade(settings.database_url)
    build(settings.database_url, args.residents, args.orders_per_day, args.seed)
    client = create_app(settings).test_client()
    login = client.get("/dashboard/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    client.post("/dashboard/login", data={"email": "bench@dorpslijn.test", "password": PASSWORD, "csrf_token": token})
    for path in PAGES:
        seconds = []
        for _ in range(args.runs):
            began = time.perf_counter()
            response = client.get(path)
            seconds.append(time.perf_counter() - began)
            assert response.status_code == 200, (path, response.status_code)
        print(f"{path}: {1000 * statistics.median(seconds):.0f} ms (goal < 200 ms)")


if __name__ == "__main__":
    main()
