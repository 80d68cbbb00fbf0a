"""Milliseconds for every page of the dashboard on a village of 5,000 residents with a year of
orders, messages and changes (goal: under 200 ms each).

Run: .venv/bin/python benchmarks/dashboard_desk.py [--residents 5000] [--orders-per-day 150]

The village (20 shops of 10 products, 40 volunteers, residents with numbers +3161234xxxx, 200
of them regulars who place half the orders) is written to a temporary SQLite database (or to
DATABASE_URL when set; it must hold no village yet): two delivery days a week for the past 52
weeks, each order delivered, of one or two shops, each with its messages in and out (the
order, JA, the read-back, the confirmation, a shop's part and its OK, "bezorgd"; 2% failed), and 20
changes a day in the audit trail; tasks open and done, learned words. The next delivery day
has `--orders-per-day` confirmed orders, closed, with ten planned rounds. Every page a
coordinator, the board and a shopkeeper open is then fetched through the app as that account,
the median of `--runs` runs reported as a Markdown table; the PDFs of the print pages apart. The
app's objects are left out of the garbage collector's full passes, as in a gunicorn worker.
"""
from __future__ import annotations

import argparse
import gc
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PASSWORD = "benchmark-2026"
COORDINATOR, BOARD, SHOPKEEPER = "bench@dorpslijn.test", "bestuur@dorpslijn.test", "winkel@dorpslijn.test"
SHOPS, PRODUCTS, VOLUNTEERS, REGULARS, ROUNDS = 20, 10, 40, 200, 10
CHANGES_PER_DAY = 20
CHANNELS = ["sms"] * 6 + ["whatsapp"] * 2 + ["telegram", "voice", "staff"]
FAILED = "Het nummer is niet bereikbaar (30003)"


@dataclass(frozen=True)
class Village:
    """What the pages are asked about: the busiest resident, a shop, a round, the days."""

    regular: int
    shop_pk: int
    product_id: int
    round_id: int
    next_day: date
    past_day: date


def build(url: str, residents: int, per_day: int, seed: int) -> Village:
    """Write the village, its people, a year of delivered orders with their messages and changes, and the next day."""
    from sqlalchemy import func, select
    from dorpslijn.db import session_scope
    from orders.calendar import TIMEZONE, next_delivery_day
    from orders.models import Village as VillageRow
    from web.dashboard.accounts import set_coordinator
    rng = random.Random(seed)
    with session_scope(url) as session:
        if session.scalar(select(func.count()).select_from(VillageRow)):
            sys.exit("DATABASE_URL already holds a village; give the benchmark an empty database")
        village = VillageRow(slug="bench", name="Benchdorp", phone="+31850000000", coordinator_phone="+31600000000",
                             delivery_days="di,vr")
        session.add(village)
        session.flush()
        shops, products = _shops(session, village.id, rng)
        _people(session, village.id, residents)
        next_day = next_delivery_day(village, datetime.now(TIMEZONE)).date
        days = [day for day in (next_day - timedelta(days=d) for d in range(365, 0, -1)) if day.weekday() in (1, 4)]
        ids = Counter()
        orders = _orders(session, village.id, residents, shops, products, days, per_day, rng, ids)
        today = _orders(session, village.id, residents, shops, products, [next_day], per_day, rng, ids,
                        status="confirmed")
        village.next_order_number = 101 + len(orders) + len(today)
        _messages(session, village.id, orders, shops, rng)
        _changes(session, village.id, days, residents, products, rng)
        _tasks_and_words(session, village.id, days, residents, products, rng)
        round_id = _rounds(session, village.id, next_day, today, shops)
        set_coordinator(session, "bench", COORDINATOR, PASSWORD)
        set_coordinator(session, "bench", BOARD, PASSWORD, role="board")
        set_coordinator(session, "bench", SHOPKEEPER, PASSWORD, role="shopkeeper", shop_id=shops[0]["shop_id"])
        print(f"built {residents} residents, {len(orders)} orders over a year and {len(today)} for {next_day}")
        return Village(regular=1, shop_pk=shops[0]["id"], product_id=products[0]["id"], round_id=round_id,
                       next_day=next_day, past_day=days[-10])


def _shops(session, village_id: int, rng) -> tuple[list[dict], list[dict]]:
    from sqlalchemy import insert
    from orders.models import Product, Shop, Volunteer
    shops = [{"id": i + 1, "village_id": village_id, "shop_id": f"shop{i:02d}", "name": f"Winkel {i}",
              "phone": f"+3161000{i:04d}"} for i in range(SHOPS)]
    products = [{"id": s * PRODUCTS + n + 1, "village_id": village_id, "shop_pk": shop["id"],
                 "sku": f"{shop['shop_id']}-{n}", "name": f"Product {n}", "unit": "stuk",
                 "price_cents": rng.randint(50, 900)} for s, shop in enumerate(shops) for n in range(PRODUCTS)]
    session.execute(insert(Shop), shops)
    session.execute(insert(Product), products)
    session.execute(insert(Volunteer), [{"village_id": village_id, "name": f"Vrijwilliger {i}",
                                         "phone": f"+3163{i:07d}", "days": "di,vr"} for i in range(VOLUNTEERS)])
    return shops, products


def _people(session, village_id: int, residents: int) -> None:
    from sqlalchemy import insert
    from orders.models import Resident
    names = ["Jansen", "De Vries", "Bakker", "Visser", "Smit", "Meijer", "De Boer", "Mulder"]
    session.execute(insert(Resident), [
        {"id": i + 1, "village_id": village_id, "name": f"{names[i % len(names)]} {i}", "phone": _phone(i + 1),
         "address": f"Dorpsstraat {i}", "postcode": "8064 AB", "checked": i % 500 != 0} for i in range(residents)])


def _phone(resident_id: int) -> str:
    return f"+3161234{resident_id - 1:04d}"


def _orders(session, village_id: int, residents: int, shops, products, days, per_day: int, rng, ids: Counter,
            status="delivered") -> list[dict]:
    """`per_day` orders on each day, half of them of the regulars, with their shop parts and lines; each
    order as a dict, its shops under "shops"."""
    from sqlalchemy import insert
    from orders.models import Order, OrderLine, ShopOrder
    orders, parts, lines = [], [], []
    for day in days:
        for _ in range(per_day):
            ids["order"] += 1
            resident = rng.randint(1, REGULARS) if rng.random() < 0.5 else rng.randint(1, residents)
            orders.append({"id": ids["order"], "village_id": village_id, "resident_id": resident,
                           "number": 100 + ids["order"], "status": status, "delivery_date": day,
                           "channel": rng.choice(CHANNELS), "shops": [],
                           "confirmed_at": datetime.combine(day - timedelta(days=1), datetime.min.time(), timezone.utc)})
            for shop in rng.sample(shops, rng.randint(1, 2)):
                ids["part"] += 1
                orders[-1]["shops"].append(shop["id"])
                parts.append({"id": ids["part"], "order_id": ids["order"], "shop_pk": shop["id"],
                              "status": "delivered" if status == "delivered" else "accepted"})
                product = products[(shop["id"] - 1) * PRODUCTS + rng.randrange(PRODUCTS)]
                lines.append({"shop_order_id": ids["part"], "product_id": product["id"], "sku": product["sku"],
                              "name": product["name"], "unit": "stuk", "quantity": rng.randint(1, 4),
                              "price_cents": product["price_cents"]})
    session.execute(insert(Order), [{k: v for k, v in order.items() if k != "shops"} for order in orders])
    session.execute(insert(ShopOrder), parts)
    session.execute(insert(OrderLine), lines)
    return orders


def _messages(session, village_id: int, orders, shops, rng) -> None:
    """Each order's conversation: the order and JA in; the read-back, the confirmation, "bezorgd" out; the
    shop's part out and its OK in."""
    from sqlalchemy import insert
    from messaging.models import InboundMessage, OutboundMessage
    inbound, outbound = [], []
    for order in orders:
        at = order["confirmed_at"]
        to = _phone(order["resident_id"])
        channel = "whatsapp" if order["channel"] == "whatsapp" else "sms"
        if order["channel"] not in ("voice", "staff"):
            inbound += [{"village_id": village_id, "channel": channel, "provider_id": f"SM{order['id']}-{n}",
                         "sender": to, "recipient": "+31850000000", "body": body, "received_at": at + timedelta(minutes=n),
                         "handled_at": at + timedelta(minutes=n)}
                        for n, body in ((0, "2 bruine bollen en een pond gehakt"), (2, "ja"))]
        for minutes, body in ((1, f"Klopt dit? 2x Product 3 EUR 4,50. Bezorgen {order['delivery_date']}. JA of NEE"),
                              (3, f"Dank u wel. Bestelling {order['number']} komt {order['delivery_date']}."),
                              (60 * 24 + 600, "Uw boodschappen zijn bezorgd.")):
            failed = rng.random() < 0.02
            outbound.append({"village_id": village_id, "channel": channel, "to": to, "body": body,
                             "status": "failed" if failed else "delivered", "error": FAILED if failed else "",
                             "created_at": at + timedelta(minutes=minutes), "sent_at": at + timedelta(minutes=minutes),
                             "attempts": 1, "provider_id": f"SMout{len(outbound)}"})
        shop = shops[rng.randrange(len(shops))]["phone"]
        outbound.append({"village_id": village_id, "channel": "sms", "to": shop,
                         "body": f"Bestelling {order['number']}: 2x Product 3. Antwoord OK {order['number']}",
                         "status": "delivered", "error": "", "created_at": at + timedelta(minutes=4),
                         "sent_at": at + timedelta(minutes=4), "attempts": 1, "provider_id": f"SMout{len(outbound)}"})
        inbound.append({"village_id": village_id, "channel": "sms", "provider_id": f"SM{order['id']}-shop", "sender": shop,
                        "recipient": "+31850000000", "body": f"OK {order['number']}", "received_at": at + timedelta(hours=2),
                        "handled_at": at + timedelta(hours=2)})
    for rows, model in ((inbound, InboundMessage), (outbound, OutboundMessage)):
        for start in range(0, len(rows), 20_000):
            session.execute(insert(model), rows[start:start + 20_000])
    print(f"  {len(inbound)} messages in, {len(outbound)} out")


def _changes(session, village_id: int, days, residents: int, products, rng) -> None:
    """CHANGES_PER_DAY changes in the audit trail on each delivery day: addresses, prices, tasks done."""
    from sqlalchemy import insert
    from dorpslijn.audit import AuditEvent
    events = []
    for day in days:
        at = datetime.combine(day, datetime.min.time(), timezone.utc) + timedelta(hours=8)
        for n in range(CHANGES_PER_DAY):
            kind = n % 3
            if kind == 0:
                subject, action = f"resident {rng.randint(1, residents)}", "resident.edit"
                before, after = {"address": f"Dorpsstraat {n}"}, {"address": f"Kerkstraat {n}"}
            elif kind == 1:
                subject, action = f"product {rng.choice(products)['id']}", "product.edit"
                before, after = {"price_cents": rng.randint(50, 900)}, {"price_cents": rng.randint(50, 900)}
            else:
                subject, action = f"task {rng.randint(1, 1000)}", "task.done"
                before, after = {"done_at": None}, {"done_at": at.isoformat()}
            events.append({"village_id": village_id, "actor": f"coordinator {COORDINATOR}", "action": action,
                           "subject": subject, "before": before, "after": after, "at": at + timedelta(minutes=n)})
    session.execute(insert(AuditEvent), events)


def _tasks_and_words(session, village_id: int, days, residents: int, products, rng) -> None:
    """Ten tasks done each delivery day, 25 still open (five of them an unclear word), 40 learned words."""
    from sqlalchemy import insert
    from orders.models import LearnedWord, Task
    tasks = [{"village_id": village_id, "kind": "call_back", "phone": _phone(r), "resident_id": r,
              "text": "Bel mij terug a.u.b.", "details": {}, "created_at": at, "done_at": at + timedelta(hours=2)}
             for day in days for r in rng.sample(range(1, residents + 1), 10)
             for at in [datetime.combine(day, datetime.min.time(), timezone.utc)]]
    tasks += [{"village_id": village_id, "kind": "unclear_word" if n < 5 else "call_back", "phone": _phone(n + 1),
               "resident_id": n + 1, "text": f"een pakje plompkes {n}", "details": {"word": f"plompkes {n}"},
               "created_at": datetime.now(timezone.utc) - timedelta(hours=n), "done_at": None} for n in range(25)]
    session.execute(insert(Task), tasks)
    session.execute(insert(LearnedWord), [{"village_id": village_id, "word": f"woord {n}",
                                           "product_id": rng.choice(products)["id"], "taught_by": COORDINATOR}
                                          for n in range(40)])


def _rounds(session, village_id: int, day: date, orders, shops) -> int:
    """The day closed and its orders in ROUNDS rounds: each round's shops to collect from, then its doors.
    The id of the first round."""
    from orders.deliveries import DeliveryRound, RoundDay, RoundStop
    from orders.models import Volunteer
    from sqlalchemy import select
    start = datetime.combine(day, datetime.min.time(), timezone.utc) + timedelta(hours=9)
    session.add(RoundDay(village_id=village_id, date=day, closed_at=start - timedelta(hours=20)))
    volunteers = session.scalars(select(Volunteer.id).where(Volunteer.village_id == village_id)
                                 .order_by(Volunteer.id).limit(ROUNDS)).all()
    first = None
    for n, volunteer_id in enumerate(volunteers):
        mine = orders[n::ROUNDS]
        delivery_round = DeliveryRound(village_id=village_id, date=day, volunteer_id=volunteer_id, starts_at=start,
                                       bags=len(mine))
        pickups = sorted({shop_pk for order in mine for shop_pk in order["shops"]})
        delivery_round.stops = [RoundStop(position=p, kind="pickup", shop_pk=shop_pk, eta=start + timedelta(minutes=3 * p))
                                for p, shop_pk in enumerate(pickups, start=1)]
        delivery_round.stops += [RoundStop(position=len(pickups) + p, kind="door", order_id=order["id"],
                                           eta=start + timedelta(minutes=60 + 4 * p)) for p, order in enumerate(mine, start=1)]
        session.add(delivery_round)
        session.flush()
        first = first or delivery_round.id
    return first


def analyse(url: str) -> None:
    """On PostgreSQL, the statistics its autovacuum would have gathered about tables this full by now."""
    from sqlalchemy import create_engine, text
    if url.startswith("postgresql"):
        with create_engine(url, isolation_level="AUTOCOMMIT").connect() as connection:
            connection.execute(text("ANALYZE"))


def pages(village: Village) -> dict[str, list[tuple[str, str]]]:
    """(what, path) of every page, for each account that opens it."""
    regular, shop, day = village.regular, village.shop_pk, village.next_day
    both = [("Taken", "/dashboard/"),
            ("Bewoners", "/dashboard/residents/"),
            ("Bewoners, laatste bladzijde", "/dashboard/residents/?page=50"),
            ("Een bewoner", f"/dashboard/residents/{regular}"),
            ("Bestelling opnemen", f"/dashboard/residents/{regular}/order"),
            ("Bewoner wissen (bevestigen)", f"/dashboard/residents/{regular}/erase"),
            ("Winkels", "/dashboard/shops/"),
            ("Een winkel", f"/dashboard/shops/{shop}"),
            ("Assortiment", "/dashboard/catalogue/"),
            ("Een product", f"/dashboard/catalogue/{village.product_id}"),
            ("Assortiment uploaden", f"/dashboard/shops/{shop}/price-list"),
            ("Assortiment als CSV", f"/dashboard/shops/{shop}/price-list.csv"),
            ("Vrijwilligers", "/dashboard/volunteers/"),
            ("Bestellingen, volgende dag", "/dashboard/orders/"),
            ("Bestellingen, een dag terug", f"/dashboard/orders/?date={village.past_day}"),
            ("Rondes", f"/dashboard/rounds/?date={day}"),
            ("Berichten", "/dashboard/messages/"),
            ("Berichten, niet aangekomen", "/dashboard/messages/?problems=1"),
            ("Berichten van een bewoner", f"/dashboard/messages/resident/{regular}"),
            ("Cijfers", "/dashboard/figures/"),
            *[(f"Cijfers: {name}.csv", f"/dashboard/figures/{name}.csv")
              for name in ("orders", "residents", "new_lapsed", "shops", "channels")],
            ("Zoeken: telefoon", "/dashboard/search/?q=06-1234+56"),
            ("Zoeken: naam", "/dashboard/search/?q=jansen"),
            ("Zoeken: nummer", "/dashboard/search/?q=1234"),
            ("Zoeken: woorden", "/dashboard/search/?q=gehakt"),
            ("Zoeken: niets gevonden", "/dashboard/search/?q=zonnebloem"),
            ("Print: ronde", f"/dashboard/print/round/{village.round_id}"),
            ("Print: paklijst", f"/dashboard/print/packing/{shop}/{day}"),
            ("Wijzigingen", "/dashboard/audit/"),
            ("Geleerde woorden", "/dashboard/words/")]
    return {COORDINATOR: both, BOARD: both, SHOPKEEPER: [("Winkelpagina", "/dashboard/shop/")]}


def pdfs(village: Village) -> list[tuple[str, str]]:
    return [("Print: ronde als PDF", f"/dashboard/print/round/{village.round_id}/pdf"),
            ("Print: paklijst als PDF", f"/dashboard/print/packing/{village.shop_pk}/{village.next_day}/pdf")]


def signed_in(app, email: str):
    client = app.test_client()
    login = client.get("/dashboard/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', login).group(1)
    response = client.post("/dashboard/login", data={"email": email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302, (email, response.status_code)
    return client


def median_ms(client, path: str, runs: int) -> float:
    """The median of `runs` fetches of the page after a first one (its templates compiled), in
    milliseconds; each must answer 200."""
    client.get(path)
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        response = client.get(path)
        seconds.append(time.perf_counter() - began)
        assert response.status_code == 200, (path, response.status_code)
    return 1000 * statistics.median(seconds)


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
    from dorpslijn.redis_server import stop_embedded
    from web import create_app
    settings = load_settings()
    upgrade(settings.database_url)
    began = time.perf_counter()
    village = build(settings.database_url, args.residents, args.orders_per_day, args.seed)
    analyse(settings.database_url)
    print(f"  in {time.perf_counter() - began:.0f} s; median of {args.runs} runs, goal < 200 ms\n")
    app = create_app(settings)
    gc.freeze()  # as a gunicorn worker does once the app is loaded (web/gunicorn_settings.py)
    clients = {email: signed_in(app, email) for email in (COORDINATOR, BOARD, SHOPKEEPER)}
    timed = {email: {what: median_ms(clients[email], path, args.runs) for what, path in shown}
             for email, shown in pages(village).items()}
    print("| page | coordinator | board |\n| --- | --- | --- |")
    for what, _ in pages(village)[COORDINATOR]:
        print(f"| {what} | {_ms(timed[COORDINATOR][what])} | {_ms(timed[BOARD][what])} |")
    for email in (SHOPKEEPER,):
        for what, ms in timed[email].items():
            print(f"| {what} (winkelier) | {_ms(ms)} | |")
    for what, path in pdfs(village):
        print(f"| {what} | {median_ms(clients[COORDINATOR], path, args.runs):.0f} ms | |")
    stop_embedded(Path(folder))


def _ms(ms: float) -> str:
    return f"**{ms:.0f} ms**" if ms >= 200 else f"{ms:.0f} ms"


if __name__ == "__main__":
    main()
