"""Every labelled corpus held at the floor it has reached, so that a change that loses ground fails.

The villages' corpora were written and labelled by people who never saw the parser, and are
frozen; the floors are what the understanding reached on them, rounded down. So is the unseen
Zwartsluis corpus, labelled before the parser ever read it. The shared dev set lives outside the
repository (../shared/eval/dev.jsonl) and is scored when it is there.
"""
from pathlib import Path

import pytest

from orders.catalogue import Catalogue
from scripts.score_villages import DEMO, DEV_SETS, UNSEEN, VILLAGES, predictions
from tests.support.scoring import load, score

# corpus: (precision, recall, questions per message at most)
FLOORS = {
    "feanwoude": (0.99, 0.96, 0.28),
    "geulveld": (0.99, 0.95, 0.32),
    "holtwijk": (0.99, 0.96, 0.20),
    "schorrewaarde": (0.99, 0.92, 0.22),
    # first score, labelled before the parser ran: P 0.966 R 0.824 Q 0.30
    "tolwierde": (0.99, 0.95, 0.30),
    # held out: scored, never read by whoever changes the parser (first score P 0.968 R 0.810 Q 0.29;
    # after the fixes Tolwierde's mistakes led to, 0.968 / 0.821; after the blind general glossary, 0.969 / 0.840)
    "dommelrode": (0.97, 0.84, 0.28),  # 0.975 / 0.845 after Appelwaard's fixes, never read
    # first score, labelled before the parser ran: P 0.919 R 0.784 Q 0.36
    "appelwaard": (0.99, 0.91, 0.22),
    # held out like Dommelrode, never read by whoever changes the parser (first score P 0.951 R 0.799 Q 0.36;
    # 0.954 / 0.802 / 0.34 after Appelwaard's fixes)
    "kreekhorn": (0.95, 0.80, 0.35),
}
# The English messages of every village, held apart: they were the widest gap, and the goal for a
# village never seen is precision 0.97, recall 0.92 and at most 0.3 questions a message.
ENGLISH_FLOOR = (0.98, 0.96, 0.30)
# Tolwierde's English asks more (kinds: rice, sambal, candles, chops, ham) and was at 0.956/0.632 first.
ENGLISH_FLOORS = {"tolwierde": (0.99, 0.95, 0.40), "dommelrode": (0.95, 0.79, 0.40), "appelwaard": (0.98, 0.91, 0.21),
                  "kreekhorn": (0.95, 0.82, 0.37)}
UNSEEN_FLOOR = (0.99, 0.97, 0.22)
DEV_FLOOR = (1.0, 0.99, 0.10)


@pytest.mark.parametrize("village", sorted(FLOORS))
def test_a_village_corpus_stays_at_its_floor(village):
    folder = VILLAGES / village
    labelled = load(folder / "corpus.jsonl")

    result = score(labelled, predictions(Catalogue.from_csv(folder), labelled))

    assert_at_floor(result, FLOORS[village])


@pytest.mark.parametrize("village", sorted(FLOORS))
def test_the_english_messages_of_a_village_stay_at_their_floor(village):
    folder = VILLAGES / village
    labelled = {mid: row for mid, row in load(folder / "corpus.jsonl").items() if row.get("style") == "english"}

    result = score(labelled, predictions(Catalogue.from_csv(folder), labelled))

    assert_at_floor(result, ENGLISH_FLOORS.get(village, ENGLISH_FLOOR))


def test_the_unseen_zwartsluis_corpus_stays_at_its_floor():
    labelled = load(UNSEEN)

    result = score(labelled, predictions(Catalogue.from_csv(DEMO), labelled))

    assert_at_floor(result, UNSEEN_FLOOR)


def test_the_shared_dev_set_stays_precise():
    dev = next((path for path in DEV_SETS if Path(path).is_file()), None)
    if dev is None:
        pytest.skip("the shared dev set is not beside this checkout")
    labelled = load(dev)

    result = score(labelled, predictions(Catalogue.from_csv(DEMO), labelled))

    assert_at_floor(result, DEV_FLOOR)


def assert_at_floor(result, floor):
    precision, recall, questions = floor
    assert result["precision"] >= precision, result["errors"]
    assert result["recall"] >= recall, result["errors"]
    assert result["questions_per_message"] <= questions
