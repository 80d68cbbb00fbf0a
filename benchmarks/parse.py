"""Messages per second of order understanding, on the demo catalogue and on 5,000 generated products.

Run: .venv/bin/python benchmarks/parse.py [--seconds S]
The messages are the labelled corpus in tests/understanding plus, for the large catalogue,
orders made up from its own product names. The catalogue index is built once (timed apart).
"""
from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from orders.catalogue import Catalogue, Product
from orders.understanding import understand

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "demo" / "zwartsluis"
CORPUS = ROOT / "tests" / "understanding" / "corpus.jsonl"

NOUNS = [
    ("brood", "stuk"), ("bol", "stuk"), ("koek", "stuk"), ("taart", "stuk"), ("worst", "stuk"), ("kaas", "kg"),
    ("ham", "kg"), ("gehakt", "kg"), ("filet", "kg"), ("lappen", "kg"), ("melk", "stuk"), ("yoghurt", "stuk"),
    ("vla", "stuk"), ("sap", "stuk"), ("jam", "stuk"), ("soep", "stuk"), ("appels", "kg"), ("peren", "kg"),
    ("tomaten", "kg"), ("bonen", "kg"), ("kool", "stuk"), ("sla", "stuk"), ("uien", "stuk"), ("thee", "stuk"),
    ("koffie", "stuk"), ("zeep", "stuk"), ("shampoo", "stuk"), ("pleisters", "stuk"), ("tulpen", "bos"),
    ("rozen", "bos"), ("noten", "stuk"), ("chips", "stuk"), ("pasta", "stuk"), ("rijst", "stuk"), ("olie", "stuk"),
]
PREFIXES = ["", "boeren", "volkoren", "rund", "kip", "varkens", "appel", "aardbei", "kersen", "room", "zuur", "zoet",
            "winter", "zomer", "bio", "huis", "streek", "oer", "pit", "zee"]
MODIFIERS = ["", "jong", "oud", "belegen", "wit", "bruin", "rood", "geel", "groot", "klein", "mager", "vol",
             "gerookt", "vers", "extra", "licht", "donker", "fijn", "grof", "zacht"]
PACKS = ["", "pot 350 gram", "zak 1 kg", "bakje 250 gram", "fles 1 liter", "doos 6 stuks", "pak 500 gram", "net 2 kg"]


def generated_catalogue(size: int = 5000, seed: int = 7) -> Catalogue:
    """A plausible catalogue of `size` products, the same every run."""
    rng = random.Random(seed)
    products, names = [], set()
    while len(products) < size:
        noun, unit = rng.choice(NOUNS)
        name = " ".join(w for w in (rng.choice(PREFIXES) + noun, rng.choice(MODIFIERS), rng.choice(PACKS) if unit == "stuk" else "") if w)
        if name in names:
            continue
        names.add(name)
        products.append(Product(f"GEN-{len(products):05d}", f"shop{len(products) % 40}", name.capitalize(), unit, rng.randint(50, 3000)))
    return Catalogue(products)


def generated_messages(catalogue: Catalogue, count: int, seed: int = 11) -> list[str]:
    """Orders of two to five lines made from the catalogue's own names, with chatter around them."""
    rng = random.Random(seed)
    products = list(catalogue)
    amounts = ["1", "2", "een", "twee", "drie", "2x", "een pond", "2 ons", "een kilo"]
    messages = []
    for _ in range(count):
        lines = [f"{rng.choice(amounts)} {rng.choice(products).name.lower()}" for _ in range(rng.randint(2, 5))]
        messages.append("Goedemorgen, graag " + ", ".join(lines) + " en postzegels. Groetjes Truus")
    return messages


def rate(catalogue: Catalogue, messages: list[str], seconds: float) -> float:
    """Messages understood per second, over at least `seconds` of work."""
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for text in messages:
            understand(text, catalogue)
        done += len(messages)
    return done / (time.perf_counter() - start)


def built(catalogue: Catalogue) -> float:
    """Seconds to build the catalogue's index (done once per catalogue)."""
    start = time.perf_counter()
    understand("", catalogue)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=3.0)
    args = ap.parse_args()
    corpus = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]

    demo = Catalogue.from_csv(DEMO)
    demo_build = built(demo)
    demo_rate = rate(demo, corpus, args.seconds)
    print(f"demo catalogue ({len(demo)} products): index {demo_build * 1000:.0f} ms, {demo_rate:.0f} messages/s")

    large = generated_catalogue()
    large_messages = corpus + generated_messages(large, len(corpus))
    large_build = built(large)
    large_rate = rate(large, large_messages, args.seconds)
    print(f"generated catalogue ({len(large)} products): index {large_build * 1000:.0f} ms, {large_rate:.0f} messages/s")


if __name__ == "__main__":
    main()
