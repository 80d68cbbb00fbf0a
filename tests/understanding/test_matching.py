"""Which product a phrase names: spelling, lists, chatter, things not sold, and ambiguity."""
from decimal import Decimal

from orders.understanding import understand


def skus(text, catalogue):
    """The skus of the items understood from a message."""
    return [i.sku for i in understand(text, catalogue).items]


def test_chatter_and_signoff_are_ignored(catalogue):
    text = "Goedemorgen! Mijn kleindochter komt zondag 😊 graag een rookworst. Groetjes, Truus de Jong"
    result = understand(text, catalogue)
    assert [i.sku for i in result.items] == ["SLA-ROOKWORST"]
    assert result.unclear == [] and result.not_found == []


def test_lists_in_every_shape(catalogue):
    expected = ["GRO-KOMKOMMER", "GRO-PREI", "GRO-BLOEMKOOL"]
    for text in [
        "komkommer\nprei\nbloemkool",
        "komkommer, prei, bloemkool",
        "- komkommer\n- prei\n- bloemkool",
        "• komkommer • prei • bloemkool",
        "een komkommer en een prei en een bloemkool",
        "ja eh een komkommer een prei een bloemkool doe maar",
    ]:
        assert skus(text, catalogue) == expected, text


def test_run_on_speech_splits_at_each_quantity(catalogue):
    text = "2 liter volle melk 2 liter karnemelk en een pakje roomboter"
    assert skus(text, catalogue) == ["KAA-MELK-VOL", "KAA-KARNEMELK", "KAA-ROOMBOTER"]


def test_spelling_as_people_spell(catalogue):
    assert skus("2 krentebollen", catalogue) == ["BAK-KRENTENBOL"]
    assert understand("krentebolen", catalogue).unclear[0].candidates == ["BAK-KRENTENBOL"]
    assert skus("halvolle melk", catalogue) == ["KAA-MELK-HALFVOL"]
    assert skus("kip filet 300 gram", catalogue) == ["SLA-KIPFILET"]
    assert skus("GEHAKTBALLEN 4", catalogue) == ["SLA-GEHAKTBAL"]
    assert skus("tomaatjes 1 bakje", catalogue) == ["GRO-CHERRYTOMAAT"]
    assert skus("een ons jongen kaas", catalogue) == ["KAA-JONG"]


def test_english_orders(catalogue, use_glossary):
    use_glossary(("brown", "same", "bruin", "en"), ("loaf", "same", "brood", "en"), ("young", "same", "jong", "en"),
                 ("cheese", "same", "kaas", "en"), ("sunflowers", "same", "zonnebloemen", "en"))
    text = "Hi, a brown loaf, 200 g of young cheese and a bunch of sunflowers please. Thanks, Tom"
    assert skus(text, catalogue) == ["BAK-BRUIN-HEEL", "KAA-JONG", "BLO-ZONNEBLOEMEN"]


def test_what_is_not_sold_is_not_found_never_a_near_match(catalogue):
    result = understand("een pond zuurkool, ook postzegels en kattenvoer. Ook een rookworst", catalogue)
    assert [i.sku for i in result.items] == ["SLA-ROOKWORST"]
    assert result.unclear == []
    assert result.not_found == ["zuurkool", "postzegels", "kattenvoer"]


def test_plain_name_wins_over_a_marked_variant(catalogue):
    assert skus("tandpasta", catalogue) == ["DRO-TANDPASTA"]
    assert skus("een pakje boter", catalogue) == ["KAA-ROOMBOTER"]
    assert skus("500 gram kipfilet", catalogue) == ["SLA-KIPFILET"]


def test_genuine_ambiguity_is_a_question_with_the_best_candidates_first(catalogue):
    result = understand("een brood", catalogue)
    assert result.items == []
    (question,) = result.unclear
    assert question.reason == "ambiguous"
    assert set(question.candidates[:4]) == {"BAK-WIT-HEEL", "BAK-BRUIN-HEEL", "BAK-VOLKOREN-HEEL", "BAK-MEERGRANEN-HEEL"}
    assert len(question.candidates) <= 5


def test_ambiguous_quantity_is_kept_on_the_question(catalogue):
    (question,) = understand("2 liter melk", catalogue).unclear
    assert set(question.candidates) >= {"KAA-MELK-VOL", "KAA-MELK-HALFVOL", "KAA-MELK-MAGER"}
    assert question.quantity == 2


def test_instructions_and_modifiers_are_not_items(catalogue):
    assert skus("1 heel wit brood gesneden graag bezorgen bij de buren", catalogue) == ["BAK-WIT-HEEL"]
    assert skus("2 ons gerookte kipfilet voor op brood", catalogue) == ["SLA-KIPFILET-GEROOKT"]


def test_questions_without_products_give_nothing(catalogue):
    result = understand("Hoe laat komen jullie morgen?", catalogue)
    assert (result.items, result.unclear, result.not_found) == ([], [], [])


def test_another_village_catalogue_works_the_same(tmp_path):
    from orders.catalogue import Catalogue, Product

    village = Catalogue([
        Product("X1", "s", "Volkoren brood heel", "stuk", 300),
        Product("X2", "s", "Karnemelk 1 liter", "stuk", 120),
        Product("X3", "s", "Oude kaas", "kg", 2000),
    ])
    result = understand("2 ons oude kaas, 2 liter karnemelk en een volkoren brood", village)
    assert [(i.sku, i.quantity) for i in result.items] == [("X3", Decimal("0.2")), ("X2", 2), ("X1", 1)]
