"""Classes of mistakes a fifth unseen village showed (a toko, a hardware shop, Groningen words), on made-up catalogues.

Every catalogue here is invented and none of its sentences is in a labelled corpus: each test holds
a class of mistake, not an example of one.
"""
from decimal import Decimal

import pytest

from orders.catalogue import Catalogue
from tests.support.reading import product, read


@pytest.fixture
def grains():
    return Catalogue([
        product("GRUT-FIJN", "Boekweitgrutten fijn", category="granen", description="zak 500 gram"),
        product("GRUT-GROF", "Boekweitgrutten grof", category="granen", description="zak 500 gram"),
        product("GORT", "Parelgort", category="granen", description="zak 500 gram"),
    ])


# 1. A word that is mostly chatter ("fijn!") is a variant word beside the product it names.

@pytest.mark.parametrize("text", ["een zak fijne boekweitgrutten", "boekweitgrutten fijn", "boekweitgrutten, de fijne"])
def test_a_chatter_word_that_names_a_variant_chooses_it(grains, text):
    assert read(text, grains)[0] == [("GRUT-FIJN", Decimal(1))]


def test_the_chatter_word_alone_is_still_chatter(grains):
    assert read("Fijn! een zak parelgort", grains) == ([("GORT", Decimal(1))], [], [])


@pytest.fixture
def wierde():
    """A village shop of the north: a baker, a toko shelf and household goods."""
    return Catalogue([
        product("ROZIJN", "Rozijnenbrood", category="brood"),
        product("BRUIN", "Bruin brood", category="brood"),
        product("WIT", "Wit brood", category="brood"),
        product("KNIEP", "Kniepertjes", category="nieuwjaar", description="zak van 20"),
        product("ROL", "Rolletjes", category="nieuwjaar", description="zak van 15"),
        product("SEREH", "Citroengras", category="kruiden", description="bosje"),
        product("GEMBER", "Gember", category="kruiden", description="per stuk"),
        product("ERWT", "Erwtensoep", category="soep", description="pot 1 liter"),
        product("COMPOST", "Compostzakken 40 liter", category="afval", description="rol van 10"),
        product("DIEPVRIES", "Diepvrieszakjes", category="huishouden", description="rol van 50"),
        product("PASTINAAK", "Pastinaak", "kg", "groente"),
        product("KNOLRAAP", "Knolraap", category="groente"),
    ])


# 2. Words of a region and of the Indisch kitchen are the words of the catalogue, in compounds too.

@pytest.mark.parametrize("text, items", [
    ("een bosje sereh en 1 djahe", [("SEREH", 1), ("GEMBER", 1)]),
    ("twee snert", [("ERWT", 2)]),
    ("een rozijnenstoet", [("ROZIJN", 1)]),
    ("1 bruinestoet", [("BRUIN", 1)]),
])
def test_regional_words_and_compounds_of_them_are_read_as_meant(wierde, text, items):
    assert read(text, wierde)[0] == [(sku, Decimal(n)) for sku, n in items]


def test_a_regional_kind_word_asks_which_of_its_kinds(wierde):
    assert read("ijzerkoekjes", wierde)[1] == [(["KNIEP", "ROL"], "ambiguous")]


# 3. A product called by a pack word, or a compound written apart before its pack word, is still that product.

@pytest.mark.parametrize("text, items", [
    ("een zak rolletjes", [("ROL", 1)]),
    ("rolletjes 2 zakken", [("ROL", 2)]),
    ("diepvries zakjes", [("DIEPVRIES", 1)]),
    ("compost zakken 40 liter 3 rollen", [("COMPOST", 3)]),
])
def test_pack_words_that_name_the_product(wierde, text, items):
    assert read(text, wierde)[0] == [(sku, Decimal(n)) for sku, n in items]


# 4. "bedoel ik" after a thing: it replaces the thing said just before it.

def test_i_mean_after_a_thing_replaces_the_thing_before(wierde):
    assert read("een knolraap een pond pastinaak bedoel ik", wierde)[0] == [("PASTINAAK", Decimal("0.5"))]


def test_i_mean_after_a_correction_replaces_nothing_more(wierde):
    said = "een bruin brood en eh knol nee knolraap bedoel ik een knolraap"
    assert read(said, wierde)[0] == [("BRUIN", Decimal(1)), ("KNOLRAAP", Decimal(1))]


@pytest.fixture
def ironmonger():
    """A hardware shop and a butcher's counter, named in Dutch only."""
    return Catalogue([
        product("KNIJPER", "Wasknijpers", category="huishouden", description="zak van 24"),
        product("TAPE", "Plakband", category="klussen", description="rolletje 33 meter"),
        product("VAL", "Muizenval", category="ongedierte", description="set van 2"),
        product("LICHTJES", "Theelichtjes", category="kaarsen", description="zak van 50"),
        product("SOEPKIP", "Soepkip", category="kip", description="heel"),
        product("KIPFILET", "Kipfilet", "kg", "kip"),
        product("RIB", "Runderriblappen", "kg", "rundvlees"),
        product("SUKADE", "Sukadelappen", "kg", "rundvlees"),
        product("FAKKELS", "Tuinfakkels groen", category="fakkels", description="doos van 10"),
        product("FAKKEL", "Stormfakkel", category="fakkels", description="ivoor, 7 x 10 cm"),
        product("VUUR", "Vuurkorfjes", category="fakkels", description="zak van 50"),
        product("LANTAARN", "Graflantaarn", category="fakkels", description="rood, brandt 2 dagen"),
        product("WORTEL", "Winterwortels", "kg", "groente"),
        product("BOSPEEN", "Bospeen", "bos", "groente"),
    ])


# 5. Plain English household and kitchen words are the Dutch products.

@pytest.mark.parametrize("text, items", [
    ("clothespins, sticky tape and a mouse trap", [("KNIJPER", 1), ("TAPE", 1), ("VAL", 1)]),
    ("two bags of night lights", [("LICHTJES", 2)]),
    ("a boiling chicken and a pound of chicken breast", [("SOEPKIP", 1), ("KIPFILET", Decimal("0.5"))]),
])
def test_english_household_words(ironmonger, text, items):
    assert read(text, ironmonger)[0] == [(sku, Decimal(n)) for sku, n in items]


def test_an_english_word_for_a_dutch_kind_asks_which_of_its_products(ironmonger):
    # "braising beef" is runderlappen, which the glossary knows as riblappen and sukadelappen
    assert read("a kilo of braising beef", ironmonger)[1] == [(["RIB", "SUKADE"], "ambiguous")]


# 6. A word with two meanings is read with the one whose product fits the amount.

def test_a_word_of_two_meanings_takes_the_one_that_fits_the_amount(ironmonger):
    # "carrots" is peen or wortels: a kilo is no bunch of bospeen
    assert read("anderhalve kilo carrots", ironmonger)[0] == [("WORTEL", Decimal("1.5"))]


# 7. A category word for several products, none of them the plain one, with no amount said: ask.

def test_a_category_word_with_no_amount_asks_rather_than_picking_the_one_without_a_pack(ironmonger):
    assert read("fakkels voor op het terras", ironmonger)[1] == [(["FAKKEL", "FAKKELS", "LANTAARN", "VUUR"], "ambiguous")]


@pytest.fixture
def deli():
    """A shop with goods named by where they come from, plain and marked variants, and numbered names."""
    return Catalogue([
        product("KRUIDKOEK", "Twentse kruidkoek", category="gebak"),
        product("MOSTERD-A", "Twentse mosterd", category="sauzen", description="pot 250 gram"),
        product("MOSTERD-B", "Zaanse mosterd", category="sauzen", description="pot 250 gram"),
        product("KWARK", "Boerenkwark naturel", category="zuivel", description="pot 500 gram"),
        product("KWARK-GR", "Griekse kwark", category="zuivel", description="10% vet, emmer"),
        product("ACCU-12", "Accu 12 volt", category="accu's", description="per stuk"),
        product("ACCU-6", "Accu 6 volt", category="accu's", description="per stuk"),
        product("BEZEM", "Bezem", category="schoonmaak"),
        product("STROOI", "Strooigrit", category="winter", description="zak 10 kilo"),
        product("VLAAI", "Kersenvlaai", category="gebak"),
        product("TAART", "Monchoutaart", category="gebak"),
    ])


# 8. Where a food comes from describes it and names nothing alone; after a thing it says which.

def test_a_word_of_origin_alone_in_chatter_orders_nothing(deli):
    assert read("een bezem graag, we vieren het op z'n Twents", deli) == ([("BEZEM", Decimal(1))], [], [])


def test_a_word_of_origin_after_a_thing_says_which(deli):
    assert read("een pot mosterd, de twentse", deli)[0] == [("MOSTERD-A", Decimal(1))]


# 9. Plain beside marked: neither is more plain because one description says no pack.

def test_one_of_a_plain_and_a_marked_variant_is_not_decided_by_a_missing_pack(deli):
    items, questions, _ = read("1 kwark", deli)
    assert ("KWARK-GR", Decimal(1)) not in items


# 10. Speech: a reason after a thing, the caller's own name, "nee alleen", a number that is part of a name.

def test_a_reason_after_a_thing_is_no_part_of_it(deli):
    assert read("twee zakken strooigrit want het gaat sneeuwen", deli)[0] == [("STROOI", Decimal(2))]


def test_the_callers_name_after_met_is_no_part_of_the_thing_said_next(deli):
    # with the name in it, "de monchoutaart" was no repeat of "een monchoutaart": two were ordered
    assert read("hallo met Gerbrich eh de monchoutaart een monchoutaart", deli) == ([("TAART", Decimal(1))], [], [])


def test_nee_alleen_keeps_only_that_thing(deli):
    said = "eh een monchoutaart voor zondag en eh een kersenvlaai of nee alleen de kersenvlaai"
    assert read(said, deli)[0] == [("VLAAI", Decimal(1))]


@pytest.mark.parametrize("text, items", [
    ("a 12 volt accu", [("ACCU-12", 1)]),
    ("twee 6 volt accu's", [("ACCU-6", 2)]),
])
def test_a_number_before_a_name_word_is_part_of_the_name(deli, text, items):
    assert read(text, deli)[0] == [(sku, Decimal(n)) for sku, n in items]


@pytest.fixture
def bakery():
    return Catalogue([
        product("POFFERTJES", "Poffertjes", category="gebak", description="zak van 30"),
        product("BESCHUIT", "Beschuit", category="koek", description="rol van 13"),
        product("KRUIMEL", "Kruimelvlaai", category="gebak"),
        product("RIJSTEVLAAI", "Rijstevlaai", category="gebak"),
        product("VIJGEN", "Gedroogde vijgen", "kg", "fruit"),
    ])


# 11. Counted in pieces, fewer than a pack holds: one pack of a product named by its pieces.

def test_fewer_pieces_than_a_pack_holds_is_one_pack_of_a_product_named_by_its_pieces(bakery):
    assert read("twaalf poffertjes", bakery)[0] == [("POFFERTJES", Decimal(1))]


def test_a_product_named_as_a_whole_is_counted_in_packs_as_before(bakery):
    assert read("2 beschuit", bakery)[0] == []  # two rolls or two rusks: asked, as before


# 12. Spelling: a y typed for ij.

def test_a_y_for_ij_is_the_same_word(bakery):
    assert read("een pond vygen", bakery)[0] == [("VIJGEN", Decimal("0.5"))]


# 13. A pack word said that a product sold by the bunch does not come in: asked, not a bunch.

def test_a_bag_of_what_is_sold_by_the_bunch_is_asked_about():
    herbs = Catalogue([product("KERVEL", "Verse kervel", "bos", "kruiden", "bosje"),
                       product("PETER", "Peterselie", "bos", "kruiden", "bosje")])
    items, questions, _ = read("een zakje kervel en een bosje peterselie", herbs)
    assert items == [("PETER", Decimal(1))]
    assert questions == [(["KERVEL"], "quantity")]


# 14. A thing "for" something is the compound of the two when that is sold: a Dutch compound is its last part for its first.

@pytest.fixture
def household():
    return Catalogue([
        product("TOILET", "Toiletborstel", category="schoonmaak"),
        product("AFWAS", "Afwasborstel", category="schoonmaak"),
        product("BANK", "Bankkussen", category="wonen"),
        product("BUREAU", "Bureaulampje", category="verlichting"),
        product("LEESLAMP", "Leeslamp", category="verlichting"),
    ])


@pytest.mark.parametrize("text, items", [
    ("een borstel voor het toilet", [("TOILET", 1)]),
    ("twee kussens voor op de bank", [("BANK", 2)]),
    ("een lamp voor het bureau", [("BUREAU", 1)]),
    ("a lamp for the desk", [("BUREAU", 1)]),
])
def test_a_thing_for_something_is_their_compound(household, text, items):
    assert read(text, household)[0] == [(sku, Decimal(n)) for sku, n in items]


def test_a_thing_for_something_not_sold_as_a_compound_is_read_as_before(household):
    assert read("een borstel voor de keuken", household)[0] == []
