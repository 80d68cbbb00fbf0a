"""The labelled-set score, with the same rules as the shared `eval/score.py`, so tests need no shared folder."""
from __future__ import annotations

import json


def load(path):
    """Rows of a JSON-lines file by id."""
    with open(path, encoding="utf-8") as f:
        return {row["id"]: row for row in map(json.loads, filter(str.strip, f))}


def score(labelled: dict, predicted: dict) -> dict:
    """Precision, recall and questions per message of predicted parse lines against labelled ones."""
    tp = fp = fn = questions = 0
    errors = []
    for mid, row in labelled.items():
        pred = predicted.get(mid)
        if pred is None:
            fn += len(row["gold"])
            continue
        open_gold = list(row["gold"])
        for item in pred.get("items", []):
            hit = next(
                (g for g in open_gold
                 if item.get("sku") in g["sku"] and abs(float(item.get("quantity", 0)) - float(g["qty"])) < 1e-3),
                None,
            )
            if hit is None:
                fp += 1
                errors.append(f"WRONG  {mid}: {item} <- {row['text']!r}")
            else:
                tp += 1
                open_gold.remove(hit)
        for question in pred.get("unclear", []):
            cands = set(question.get("candidates", [])[:5])
            hit = next((g for g in open_gold if len(g["sku"]) > 1 and cands & set(g["sku"])), None)
            if hit is not None:
                tp += 1
                open_gold.remove(hit)
        fn += len(open_gold)
        errors.extend(f"MISSED {mid}: {g} <- {row['text']!r}" for g in open_gold)
        questions += len(pred.get("unclear", []))
    return {
        "precision": tp / (tp + fp) if tp + fp else 0.0,
        "recall": tp / (tp + fn) if tp + fn else 0.0,
        "questions_per_message": questions / max(1, len(labelled)),
        "errors": errors,
    }
