"""The grocery glossary is a well-formed file a parser can load line by line."""

from pathlib import Path

GLOSSARY = Path(__file__).parents[2] / "orders" / "understanding" / "lexicon" / "glossary.tsv"
RELATIONS = {"same", "kind", "plain", "modifier"}
TAGS = {"nl", "en", "nl-regio", "typo"}


def entries():
    lines = GLOSSARY.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


def test_the_file_explains_its_format_in_a_header_comment():
    first = GLOSSARY.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("#")


def test_every_entry_has_four_fields_with_a_known_relation_and_tag():
    for line in entries():
        fields = line.split("\t")
        assert len(fields) == 4, line
        phrase, relation, target, tag = fields
        assert phrase.strip() == phrase and phrase, line
        assert target.strip() == target and target, line
        assert relation in RELATIONS, line
        assert tag in TAGS, line


def test_phrases_and_targets_are_lower_case():
    for line in entries():
        phrase, _, target, _ = line.split("\t")
        assert phrase == phrase.lower(), line
        assert target == target.lower(), line


def test_no_line_is_there_twice():
    lines = entries()
    assert len(lines) == len(set(lines))


def test_a_same_entry_names_two_different_words():
    for line in entries():
        phrase, relation, target, _ = line.split("\t")
        if relation == "same":
            assert phrase != target, line


def test_a_kind_never_covers_itself():
    for line in entries():
        phrase, relation, target, _ = line.split("\t")
        if relation == "kind":
            assert phrase != target, line


def test_the_glossary_holds_two_thousand_entries_of_every_relation():
    relations = [line.split("\t")[1] for line in entries()]
    assert len(relations) >= 2000
    assert set(relations) == RELATIONS
