"""Unsold things in plain lists, chatter and names beside them, compound words, numbers in names, carried nouns."""
from decimal import Decimal

import pytest

from orders.understanding import understand


def items(text, catalogue):
    """The (sku, quantity) pairs understood from a message."""
    return [(i.sku, i.quantity) for i in understand(text, catalogue).items]


@pytest.mark.parametrize("text", [
    "brood wit heel, melk halfvol, postzegels",
    "postzegels, halfvolle melk",
    "Halfvolle melk\nPostzegels\nWit brood heel",
    "- halfvolle melk\n- postzegels",
])
def test_an_unsold_thing_in_a_plain_list_is_named_as_not_sold(catalogue, text):
    result = understand(text, catalogue)
    assert result.not_found == ["postzegels"]
    assert "KAA-MELK-HALFVOL" in [i.sku for i in result.items]


@pytest.mark.parametrize("text", [
    "Hoi Gerda, 2 rookworsten, 1 gevulde koek. Fijne dag",
    "2 rookworsten, 1 gevulde koek\nvuilnisbak buiten zetten\nbezorgen bij de buren",
    "2 rookworsten, gesneden, 1 gevulde koek\nTrijntje",
    "Voor mevr. Visser, Dorpsstraat 4: 2 rookworsten, 1 gevulde koek",
    "2 rookworsten, 1 gevulde koek\nDe sleutel ligt onder de mat\nWim van Dijk",
])
def test_chatter_instructions_and_names_in_a_list_are_not_things_to_buy(catalogue, text):
    result = understand(text, catalogue)
    assert items(text, catalogue) == [("SLA-ROOKWORST", 2), ("BAK-GEVULDE-KOEK", 1)]
    assert result.not_found == []


def test_a_modifier_after_a_preposition_is_not_a_thing_to_buy(catalogue):
    result = understand("een appeltaart heel voor 12 personen", catalogue)
    assert items("een appeltaart heel voor 12 personen", catalogue) == [("BAK-APPELTAART-HEEL", 1)]
    assert result.not_found == []


@pytest.mark.parametrize("text", ["een pak bloem", "bloem, suiker", "2 pakjes roomboter en een kilo bloem"])
def test_flour_is_never_sunflowers(catalogue, text):
    result = understand(text, catalogue)
    assert "BLO-ZONNEBLOEMEN" not in [i.sku for i in result.items]
    assert all("BLO-ZONNEBLOEMEN" not in u.candidates for u in result.unclear)
    assert "bloem" in result.not_found


def test_the_last_part_of_a_compound_as_written_still_names_it(catalogue):
    assert items("2 ons ham", catalogue) == [] and understand("2 ons ham", catalogue).unclear[0].candidates == [
        "SLA-ACHTERHAM", "SLA-BEENHAM"]
    assert items("1 zonnebloemen", catalogue) == [("BLO-ZONNEBLOEMEN", 1)]
    assert items("een pond boter", catalogue) == [("KAA-ROOMBOTER", 2)]


@pytest.mark.parametrize("text, sku, count", [
    ("batterijen 312 twee pakjes", "DRO-HOORBATT-312", 2),
    ("gehoorapparaat batterijen 13", "DRO-HOORBATT-13", 1),
    ("Gehoorapparaat batterijen 13, drie pakjes", "DRO-HOORBATT-13", 3),
    ("2 pakjes gehoorapparaatbatterijen 312", "DRO-HOORBATT-312", 2),
])
def test_a_number_in_a_product_name_is_not_a_count(catalogue, text, sku, count):
    assert items(text, catalogue) == [(sku, count)]


def test_a_number_that_no_product_name_holds_is_still_a_count(catalogue):
    assert items("halfvolle melk 2", catalogue) == [("KAA-MELK-HALFVOL", 2)]


def test_a_noun_left_out_after_a_describing_word_is_the_one_before(catalogue):
    assert items("2 witte bollen en 3 bruine", catalogue) == [("BAK-WIT-BOL", 2), ("BAK-BRUIN-BOL", 3)]
    assert items("2 ons jonge kaas en 1 ons oude", catalogue) == [
        ("KAA-JONG", Decimal("0.2")), ("KAA-OUD", Decimal("0.1"))]
    assert items("4 krentenbollen en 1 heel bruin", catalogue) == [("BAK-KRENTENBOL", 4), ("BAK-BRUIN-HEEL", 1)]


def test_two_words_that_are_one_product_word_backwards(catalogue):
    assert items("3 broodjes kaas", catalogue) == [("BAK-KAASBROODJE", 3)]
    assert items("vla vanille", catalogue) == [("KAA-VLA-VANILLE", 1)]
    assert items("2 bollen krenten", catalogue) == [("BAK-KRENTENBOL", 2)]
