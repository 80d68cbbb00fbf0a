"""Whatever arrives, understanding answers and never raises; long messages are cut with notice."""
import io
import json

import pytest

from orders.understanding import Understanding, parse_stream, understand

BAD = [
    "",
    "   ",
    "\x00\x07\x1b[31m rookworst",
    "\u202e\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd",
    "x" * 5000,
    "rookworst " * 600,
    "1e9 1e99999 -3 0 999999999999 NaN inf 1/0 ½",
    "🍞🥛🧀" * 100,
    "van van van type type een een half half",
]


@pytest.mark.parametrize("text", BAD)
def test_bad_text_never_raises(catalogue, text):
    result = understand(text, catalogue)
    assert isinstance(result, Understanding)
    json.dumps(result.as_json("m1"))


def test_more_than_thirty_items_are_cut_with_notice(catalogue):
    text = ", ".join(["2 rookworsten", "1 komkommer", "3 bananen"] * 100)
    result = understand(text, catalogue)
    assert result.truncated
    assert len(result.items) + len(result.unclear) == 30


def test_thirty_items_are_not_cut(catalogue):
    result = understand(", ".join(["1 komkommer"] * 30), catalogue)
    assert not result.truncated and len(result.items) == 30


def test_as_json_is_the_contract_line(catalogue):
    line = understand("1 bruin heel, een pond rundergehakt, een brood en postzegels", catalogue).as_json("m1")
    candidates = line["unclear"][0]["candidates"]
    assert line == {
        "id": "m1",
        "items": [{"sku": "BAK-BRUIN-HEEL", "quantity": 1}, {"sku": "SLA-RUNDERGEHAKT", "quantity": 0.5}],
        "unclear": [{"text": "een brood", "candidates": candidates}],
        "not_found": ["postzegels"],
    }
    assert 2 <= len(candidates) <= 5 and "BAK-WIT-HEEL" in candidates
    assert all(sku.startswith("BAK-") for sku in candidates), "only the bakery's breads"
    assert isinstance(line["items"][0]["quantity"], int)
    assert isinstance(line["items"][1]["quantity"], float)


def test_parse_stream_writes_one_line_per_input_even_for_broken_lines(catalogue):
    lines = [
        '{"id": "a", "text": "2 rookworsten"}\n',
        "not json at all\n",
        '{"id": "c"}\n',
        '{"id": "d", "text": 42}\n',
        '["a list"]\n',
        "\n",
        '{"id": "e", "text": "een komkommer"}',
    ]
    out = io.StringIO()
    parse_stream(catalogue, lines, out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in rows] == ["a", None, "c", "d", None, "e"]
    assert rows[0]["items"] == [{"sku": "SLA-ROOKWORST", "quantity": 2}]
    assert all(set(r) == {"id", "items", "unclear", "not_found"} for r in rows)
    assert rows[1]["items"] == rows[2]["items"] == []
