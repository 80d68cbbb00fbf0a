"""The glossary file: its format read as written, lines that break it left out."""
from orders.understanding.glossary import read


def test_each_relation_is_read_and_comments_and_broken_lines_are_left_out():
    glossary = read([
        "# phrase\trelation\ttarget\ttag\n",
        "Kwarktaartje\tsame\tkwarkgebak\tnl\n",
        "kwarktaartje\tsame\tkwarktaart\tnl\n",
        "gebak\tkind\tkwarkgebak\tnl\n",
        "gebak\tkind\tvlaai\tnl\n",
        "In Reepjes\tmodifier\tstrips\tnl\n",
        "zonder relatie\n",
        "iets\tsoort\tanders\tnl\n",
        "\n",
    ])
    assert glossary.same == {("kwarktaartje",): [("kwarkgebak",), ("kwarktaart",)]}
    assert glossary.kinds == {("gebak",): [("kwarkgebak",), ("vlaai",)]}
    assert glossary.modifiers == {("in", "reepjes"): "strips"}
    assert glossary.longest == 2


def test_an_absent_glossary_is_an_empty_one(tmp_path):
    from orders.understanding.glossary import load

    assert load(tmp_path / "none.tsv").same == {}
