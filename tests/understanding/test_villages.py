"""Every labelled corpus held at the floor it has reached, so that a change that loses ground fails.

The villages' corpora were written and labelled by people who never saw the parser, and are
frozen; the floors are what the understanding reached on them, rounded down. So is the unseen
Zwartsluis corpus, labelled before the parser ever read it. The shared dev set lives outside the
repository (../shared/eval/dev.jsonl) and is scored when it is there.
"""
from pathlib import Path

import pytest

from orders.catalogue import Catalogue
from scripts.score_villages import DEV_SETS, DEMO, UNSEEN, VILLAGES, predictions

from .scoring import load, score

# corpus: (precision, recall, questions per message at most)
FLOORS = {
    "feanwoude": (0.98, 0.94, 0.28),
    "geulveld": (0.98, 0.92, 0.32),
    "holtwijk": (0.97, 0.93, 0.20),
    "schorrewaarde": (0.98, 0.86, 0.22),
}
UNSEEN_FLOOR = (0.99, 0.97, 0.22)
DEV_FLOOR = (1.0, 0.99, 0.10)


@pytest.mark.parametrize("village", sorted(FLOORS))
def test_a_village_corpus_stays_at_its_floor(village):
    folder = VILLAGES / village
    labelled = load(folder / "corpus.jsonl")

    result = score(labelled, predictions(Catalogue.from_csv(folder), labelled))

    precision, recall, questions = FLOORS[village]
    assert result["precision"] >= precision, result["errors"]
    assert result["recall"] >= recall, result["errors"]
    assert result["questions_per_message"] <= questions


def test_the_unseen_zwartsluis_corpus_stays_at_its_floor():
    labelled = load(UNSEEN)

    result = score(labelled, predictions(Catalogue.from_csv(DEMO), labelled))

    precision, recall, questions = UNSEEN_FLOOR
    assert result["precision"] >= precision, result["errors"]
    assert result["recall"] >= recall, result["errors"]
    assert result["questions_per_message"] <= questions


def test_the_shared_dev_set_stays_precise():
    dev = next((path for path in DEV_SETS if Path(path).is_file()), None)
    if dev is None:
        pytest.skip("the shared dev set is not beside this checkout")
    labelled = load(dev)

    result = score(labelled, predictions(Catalogue.from_csv(DEMO), labelled))

    precision, recall, questions = DEV_FLOOR
    assert result["precision"] >= precision, result["errors"]
    assert result["recall"] >= recall, result["errors"]
    assert result["questions_per_message"] <= questions
