"""Numbers and units as residents write and say them, in the product's own unit."""
from decimal import Decimal

import pytest

from orders.understanding import understand


def items(text, catalogue):
    """The (sku, quantity) pairs understood from a message."""
    return [(i.sku, i.quantity) for i in understand(text, catalogue).items]


@pytest.mark.parametrize(
    "text, quantity",
    [
        ("1 ons beenham", "0.1"),
        ("anderhalf ons beenham", "0.15"),
        ("een pond beenham", "0.5"),
        ("een half pond beenham", "0.25"),
        ("half pond beenham", "0.25"),
        ("300 gram beenham", "0.3"),
        ("200 gr beenham", "0.2"),
        ("een halve kilo beenham", "0.5"),
        ("anderhalve kilo beenham", "1.5"),
        ("half a kilo of beenham", "0.5"),
        ("beenham 2 ons", "0.2"),
        ("three hundred and fifty grams of beenham", "0.35"),
        ("a hundred and twenty grams of beenham", "0.12"),
        ("two hundred grams of beenham", "0.2"),
        ("a kilo and a half of beenham", "1.5"),
        ("a quarter pound of beenham", "0.125"),
        ("a pound and a quarter of beenham", "0.625"),
    ],
)
def test_weighed_products_get_kilograms(catalogue, text, quantity):
    assert items(text, catalogue) == [("SLA-BEENHAM", Decimal(quantity))]


@pytest.mark.parametrize(
    "text, count",
    [
        ("twee rookworsten", 2),
        ("2x rookworst", 2),
        ("rookworst 2x", 2),
        ("2 st rookworst", 2),
        ("een stuk of 4 rookworsten", 4),
        ("rookworst 3", 3),
        ("vijfentwintig rookworsten", 25),
        ("a couple of rookworst", 2),
    ],
)
def test_counts_in_digits_and_words_before_or_after(catalogue, text, count):
    assert items(text, catalogue) == [("SLA-ROOKWORST", count)]


def test_a_dozen_is_twelve(catalogue, use_glossary):
    use_glossary(("bananas", "same", "banaan", "en"))
    assert items("a dozen bananas", catalogue) == [("GRO-BANAAN", 12)]


def test_litres_become_packs_of_a_litre(catalogue):
    assert items("2 liter halfvolle melk", catalogue) == [("KAA-MELK-HALFVOL", 2)]
    assert items("een liter karnemelk", catalogue) == [("KAA-KARNEMELK", 1)]


def test_eggs_are_counted_in_boxes(catalogue):
    assert items("zes eieren", catalogue) == [("KAA-EIEREN-6", 1)]
    assert items("10 eieren", catalogue) == [("KAA-EIEREN-10", 1)]
    assert items("een doos eieren van 10 van de boerderij", catalogue) == [("BOE-EIEREN-10", 1)]


def test_flowers_are_counted_in_bunches(catalogue):
    assert items("20 tulpen", catalogue) == [("BLO-TULPEN", 2)]
    assert items("een bos tulpen", catalogue) == [("BLO-TULPEN", 1)]


def test_pack_size_picks_the_pack(catalogue):
    assert items("wc papier 4 rollen", catalogue) == [("DRO-WCPAPIER-4", 1)]
    assert items("een pakje wc papier van acht rollen", catalogue) == [("DRO-WCPAPIER-8", 1)]
    assert items("een zak kruimige aardappelen van 2,5 kilo", catalogue) == [("BOE-AARD-KRUIMIG-25", 1)]
    assert items("2 kilo kruimige aardappelen", catalogue) == [("GRO-AARD-KRUIMIG", 2)]


def test_a_halfje_is_half_a_loaf(catalogue):
    assert items("een halfje bruin", catalogue) == [("BAK-BRUIN-HALF", 1)]
    assert items("1 wit heel", catalogue) == [("BAK-WIT-HEEL", 1)]


@pytest.mark.parametrize("text", ["0 rookworsten", "-3 rookworsten", "1e9 rookworsten", "999999999999 rookworsten", "60 rookworsten", "25 kilo beenham"])
def test_absurd_quantities_are_asked_not_ordered(catalogue, text):
    result = understand(text, catalogue)
    assert result.items == []
    assert [u.reason for u in result.unclear] == ["quantity"]
    assert len(result.unclear[0].candidates) == 1


def test_a_weighed_product_without_a_weight_is_a_question(catalogue):
    result = understand("4 haaskarbonade", catalogue)
    assert result.items == []
    assert result.unclear[0].reason == "quantity"
    assert result.unclear[0].candidates == ["SLA-HAASKARBONADE"]


def _shelf(*rows):
    from orders.catalogue import Catalogue, Product

    return Catalogue([Product(sku, "winkel", name, unit, 250, "", "") for sku, name, unit in rows])


def test_a_pack_of_so_many_is_the_pack_that_holds_that_many():
    shelf = _shelf(("KALK-10", "Ontkalkingstabletten 10 tabletten", "stuk"),
                   ("KALK-20", "Ontkalkingstabletten 20 tabletten", "stuk"))
    assert items("ontkalkingstabletten pak van 20", shelf) == [("KALK-20", 1)]
    assert items("ontkalkingstabletten, pack of 10", shelf) == [("KALK-10", 1)]
    assert items("a 20 pack of ontkalkingstabletten", shelf) == [("KALK-20", 1)]
    assert items("een stuk of 2 pakken ontkalkingstabletten van 10", shelf) == [("KALK-10", 2)]


def test_a_size_said_after_the_thing_says_which_pack():
    shelf = _shelf(("WORTEL-2", "Winterwortelen zak 2 kg", "stuk"), ("WORTEL-5", "Winterwortelen zak 5 kg", "stuk"))
    assert items("een zak winterwortelen, die van 5 kilo", shelf) == [("WORTEL-5", 1)]
    assert items("a bag of winterwortelen, the 2 kilo one", shelf) == [("WORTEL-2", 1)]


def test_an_amount_after_a_thing_counted_only_by_its_article_is_how_much():
    shelf = _shelf(("HERT", "Hertenbout", "kg"))
    assert items("een hertenbout, ongeveer 800 gram", shelf) == [("HERT", Decimal("0.8"))]
    assert items("a hertenbout, about 1200 grams", shelf) == [("HERT", Decimal("1.2"))]


def test_a_description_that_names_a_litre_without_a_number_holds_one_litre():
    from orders.catalogue import Catalogue, Product

    shelf = Catalogue([Product("BOUILLON", "slager", "Runderbouillon", "stuk", 395, "soep", "liter, getrokken van merg")])
    assert items("2 liter runderbouillon", shelf) == [("BOUILLON", 2)]
    assert items("a litre of runderbouillon", shelf) == [("BOUILLON", 1)]


def test_english_containers_are_pack_words():
    shelf = _shelf(("BONEN-BLIK", "Kidneybonen blik 400 gram", "stuk"), ("BONEN-POT", "Kidneybonen pot 720 ml", "stuk"))
    assert items("two cans of kidneybonen", shelf) == [("BONEN-BLIK", 2)]
    assert items("can I have a jar of kidneybonen", shelf) == [("BONEN-POT", 1)]
    assert items("a jar of kidneybonen", shelf) == [("BONEN-POT", 1)]
