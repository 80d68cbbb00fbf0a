"""Our own labelled corpus, scored the way the shared evaluation scores the dev set."""
import io
import json
from pathlib import Path

from orders.understanding import parse_stream
from tests.support.scoring import load, score

CORPUS = Path(__file__).with_name("corpus.jsonl")


def test_corpus_scores_at_least_the_targets(catalogue):
    labelled = load(CORPUS)
    lines = [json.dumps({"id": mid, "text": row["text"]}) + "\n" for mid, row in labelled.items()]
    out = io.StringIO()
    parse_stream(catalogue, lines, out)
    predicted = {row["id"]: row for row in map(json.loads, out.getvalue().splitlines())}

    result = score(labelled, predicted)

    assert len(labelled) >= 150
    assert result["precision"] >= 0.98, result["errors"]
    assert result["recall"] >= 0.93, result["errors"]
    assert result["questions_per_message"] <= 0.4
