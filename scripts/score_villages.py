"""Score order understanding on every labelled village corpus, per village and per style.

    .venv/bin/python scripts/score_villages.py [--markdown] [--errors VILLAGE]

Each corpus in tests/understanding/villages/<slug>/corpus.jsonl is parsed against that village's
own catalogue (its shops and products CSVs), and our own Zwartsluis corpora against the demo
catalogue (the one we built against, and the unseen one labelled before the parser ran); the shared dev set is scored too when ../shared/eval/dev.jsonl is there. The score has
the shared evaluation's rules (tests/support/scoring.py): precision, recall, and questions
per message. `--markdown` prints the table the README shows.
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from orders.catalogue import Catalogue  # noqa: E402
from orders.understanding import parse_stream  # noqa: E402
from tests.support.scoring import load, score  # noqa: E402

VILLAGES = ROOT / "tests" / "understanding" / "villages"
DEMO = ROOT / "demo" / "zwartsluis"
UNSEEN = ROOT / "tests" / "understanding" / "zwartsluis_unseen.jsonl"
DEV_SETS = [ROOT.parent / "shared" / "eval" / "dev.jsonl", ROOT.parent.parent / "shared" / "eval" / "dev.jsonl"]


def corpora():
    """(name, catalogue folder, labelled file) of every corpus there is here."""
    found = [(folder.name, folder, folder / "corpus.jsonl") for folder in sorted(VILLAGES.iterdir())
             if (folder / "corpus.jsonl").is_file()]
    found.append(("zwartsluis (own corpus)", DEMO, ROOT / "tests" / "understanding" / "corpus.jsonl"))
    found.append(("zwartsluis (unseen)", DEMO, UNSEEN))
    dev = next((path for path in DEV_SETS if path.is_file()), None)
    if dev is not None:
        found.append(("zwartsluis (shared dev set)", DEMO, dev))
    return found


def predictions(catalogue, labelled):
    """The parse line of every labelled message, by id."""
    lines = [json.dumps({"id": mid, "text": row["text"]}) + "\n" for mid, row in labelled.items()]
    out = io.StringIO()
    parse_stream(catalogue, lines, out)
    return {row["id"]: row for row in map(json.loads, out.getvalue().splitlines())}


def rows():
    """(corpus, style, messages, score) for each corpus as a whole and each of its styles."""
    for name, folder, path in corpora():
        labelled = load(path)
        predicted = predictions(Catalogue.from_csv(folder), labelled)
        yield name, "all", len(labelled), score(labelled, predicted)
        styles = sorted({row.get("style") or row.get("channel", "") for row in labelled.values()})
        for style in styles if len(styles) > 1 else ():
            part = {mid: row for mid, row in labelled.items() if (row.get("style") or row.get("channel", "")) == style}
            yield name, style, len(part), score(part, predicted)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown", action="store_true", help="print the README table")
    parser.add_argument("--errors", metavar="CORPUS", help="print the errors of the corpus of this name")
    args = parser.parse_args()
    if args.markdown:
        print("| corpus | style | messages | precision | recall | questions/msg |")
        print("| --- | --- | --- | --- | --- | --- |")
    for name, style, messages, result in rows():
        p, r, q = result["precision"], result["recall"], result["questions_per_message"]
        if args.markdown:
            shown = f"**{name}**" if style == "all" else ""
            print(f"| {shown} | {style} | {messages} | {p:.3f} | {r:.3f} | {q:.2f} |")
        else:
            print(f"{name:30} {style:10} {messages:4} P {p:.3f} R {r:.3f} Q {q:.2f}")
        if args.errors == name and style == "all":
            for error in result["errors"]:
                print("   ", error)


if __name__ == "__main__":
    main()
