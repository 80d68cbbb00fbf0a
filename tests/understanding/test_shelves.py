"""The language's words for every shelf, on a made-up catalogue and words in no corpus."""
from decimal import Decimal

import pytest

from orders.catalogue import Catalogue, Product
from orders.understanding import understand


def product(sku, name, unit="stuk", category=""):
    return Product(sku, "winkel", name, unit, 250, category, "")


@pytest.fixture
def village():
    return Catalogue([
        product("HEEK", "Heekfilet", "kg", "vis"),
        product("ZEEBAARS", "Zeebaars heel", "stuk", "vis"),
        product("RIJSTDRINK", "Rijstdrink 1 liter", "stuk", "plantaardig"),
        product("POMPOEN", "Pompoenpitten 200 gram", "stuk", "zaden"),
        product("VAATWAS", "Vaatwastabletten 30 stuks", "stuk", "huishouden"),
        product("NEUS", "Neusspray zout", "stuk", "verkoudheid"),
        product("WC", "Toiletpapier 8 rollen", "stuk", "huishouden"),
        product("GROND", "Potgrond 40 liter", "stuk", "tuin"),
        product("ROOKVLEES", "Rookvlees", "kg", "vleeswaren"),
        product("STOOF", "Runderstoofvlees", "kg", "vlees"),
        product("BOKKING", "Bokking", "stuk", "vis"),
        product("PIEPERS", "Aardappelen vastkokend", "kg", "groente"),
        product("UIEN", "Uien", "kg", "groente"),
        product("STAAF-100", "Wattenstaafjes 100 stuks", "stuk", "verzorging"),
        product("STAAF-300", "Wattenstaafjes 300 stuks", "stuk", "verzorging"),
        product("SPROT", "Hollandse nieuwe sprot", "stuk", "vis"),
        product("SPROT-GEROOKT", "Gerookte sprot", "stuk", "vis"),
        product("ROOKVLEES-PAK", "Rookvlees in plakken 100 gram", "stuk", "vleeswaren"),
    ])


def items(text, village):
    return [(i.sku, i.quantity) for i in understand(text, village).items]


def test_english_words_of_every_shelf_name_its_products(village):
    assert items("a carton of rice milk, pumpkin seeds and dishwasher tablets", village) == [
        ("RIJSTDRINK", 1), ("POMPOEN", 1), ("VAATWAS", 1)]
    assert items("nose spray and a loo roll", village) == [("NEUS", 1), ("WC", 1)]


def test_an_english_word_takes_the_meaning_this_catalogue_knows(village):
    assert items("a pound of stewing beef", village) == [("STOOF", Decimal("0.5"))]
    assert items("300 grams of hake", village) == [("HEEK", Decimal("0.3"))]


def test_spoken_dutch_names_the_plain_product(village):
    assert items("een zak bloemaarde en closetpapier", village) == [("GROND", 1), ("WC", 1)]


def test_regional_words_of_everyday_food_are_read_as_a_local_shop_would(village):
    assert items("een kilo petatten en een pond ajuinen", village) == [("PIEPERS", 1), ("UIEN", Decimal("0.5"))]


def test_a_fish_said_alone_is_its_fillet(village):
    assert items("300 gram heek", village) == [("HEEK", Decimal("0.3"))]


def test_sliced_with_a_weight_is_cut_at_the_counter_not_the_prepacked_pack(village):
    assert items("2 ons rookvlees gesneden", village) == [("ROOKVLEES", Decimal("0.2"))]
    assert items("een pakje rookvlees gesneden", village) == [("ROOKVLEES-PAK", 1)]


def test_describing_words_said_after_a_thing_say_which_of_it(village):
    assert items("pompoenpitten, de biologische niet, en rijstdrink", village) == [("POMPOEN", 1), ("RIJSTDRINK", 1)]
    assert items("rookvlees, in plakken", village) == [("ROOKVLEES-PAK", 1)]
    assert items("pumpkin seeds, the organic ones, and rice milk", village) == [("POMPOEN", 1), ("RIJSTDRINK", 1)]


def test_the_fish_of_the_season_is_the_unmarked_one(village):
    assert items("3 sprot", village) == [("SPROT", 3)]
    assert items("3 gerookte sprot", village) == [("SPROT-GEROOKT", 3)]


def test_a_describing_word_beside_a_naming_one_only_chooses_among_its_products(village):
    assert items("2 bokking gerookt", village) == [("BOKKING", 2)]


def test_small_or_big_chooses_among_packs_that_differ_only_in_size(village):
    assert items("wattenstaafjes, de kleine doos", village) == [("STAAF-100", 1)]
    assert items("wattenstaafjes het grote pak", village) == [("STAAF-300", 1)]
    assert [u.candidates for u in understand("wattenstaafjes", village).unclear] == [["STAAF-100", "STAAF-300"]]
