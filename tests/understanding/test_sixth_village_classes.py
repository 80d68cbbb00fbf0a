"""Classes of mistakes a sixth unseen village showed (a fruit grower, a poulterer, a health-food shop), on made-up
catalogues.

Every catalogue here is invented and none of its sentences is in a labelled corpus: each test holds
a class of mistake, not an example of one.
"""
from decimal import Decimal

import pytest

from orders.catalogue import Catalogue
from tests.support.reading import product, read


@pytest.fixture
def pantry():
    return Catalogue([
        product("KLAVER", "Klaverstroopsel", category="stroopsel", description="pak 1 kilo"),
        product("DENNEN", "Lichte dennenstroopsel", category="stroopsel", description="pak 600 gram"),
        product("TEMPOEK", "Tempoek naturel", category="tempoek", description="blok 300 gram"),
        product("TEMPOEK-GEROOKT", "Gerookte tempoek", category="tempoek", description="blok 200 gram"),
        product("VLIER", "Vlierlimonade", category="limonade", description="fles 1 liter"),
        product("VLIER-3L", "Vlierlimonade 3 liter", category="limonade", description="pak met kraantje"),
        product("KROOS", "Kroosbessen", "kg", "bessen", "los, per kilo"),
        product("KROOS-BAKJE", "Kroosbessen bakje", category="bessen", description="bakje 500 gram"),
    ])


# 1. The plainly named product wins: the kind a general word means unmarked, a "naturel" product, the size whose
#    name says none, and the product sold by weight when a weight is said.

def test_a_general_word_means_its_plain_kind(pantry, use_glossary):
    use_glossary(("stroopsel", "plain", "klaverstroopsel", "nl"))

    assert read("2 stroopsel", pantry)[0] == [("KLAVER", Decimal(2))]
    assert read("een dennenstroopsel", pantry)[0] == [("DENNEN", Decimal(1))]


def test_a_general_word_said_with_more_is_not_its_plain_kind(pantry, use_glossary):
    use_glossary(("stroopsel", "plain", "klaverstroopsel", "nl"))

    assert read("fresh stroopsel", pantry)[:2] == ([], [(["DENNEN", "KLAVER"], "ambiguous")])


def test_without_its_plain_kind_a_general_word_asks(pantry):
    assert read("2 stroopsel", pantry)[1] == [(["DENNEN", "KLAVER"], "ambiguous")]


def test_naturel_is_the_unmarked_variant(pantry):
    assert read("tempoek", pantry)[0] == [("TEMPOEK", Decimal(1))]
    assert read("gerookte tempoek", pantry)[0] == [("TEMPOEK-GEROOKT", Decimal(1))]


@pytest.mark.parametrize("text, items", [
    ("vlierlimonade", [("VLIER", 1)]),
    ("3 liter vlierlimonade", [("VLIER-3L", 1)]),
    ("een pond kroosbessen", [("KROOS", Decimal("0.5"))]),
    ("een bakje kroosbessen", [("KROOS-BAKJE", 1)]),
])
def test_the_size_a_name_does_not_say_is_the_plain_one(pantry, text, items):
    assert read(text, pantry)[0] == [(sku, Decimal(n)) for sku, n in items]


@pytest.fixture
def farm():
    return Catalogue([
        product("KLAVER", "Klaverstroopsel", category="stroopsel", description="pak 1 kilo"),
        product("WOB", "Wob koekjes", category="koek", description="zak 250 gram"),
        product("VLIERDRANK", "Vlierdrank", category="dranken", description="fles 1 liter"),
        product("VOEDER", "Voederkoek voor tuinspreeuwen", category="vogels", description="per stuk"),
        product("KRUIDEN", "Kruidenmix", category="inmaken", description="zakje 50 gram"),
    ])


# 2. A name, a purpose or a lone shelf word is no product: a caller's name that a product word reaches only through
#    a diminutive's stem or as a piece of a word, what something is "voor", a word a product's name has after a
#    preposition, and a category word in a sentence with no order in it.

@pytest.mark.parametrize("text", [
    "ja met wobbetje eh ik wil twee pakken klaverstroopsel",
    "hallo met ank eh ik wil twee pakken klaverstroopsel",
    "Voor de spreeuwen\n2 klaverstroopsel",
    "2 klaverstroopsel. Morgen gaat opa inmaken met Gerlof",
])
def test_names_purposes_and_shelves_are_no_products(farm, text):
    assert read(text, farm)[:2] == ([("KLAVER", Decimal(2))], [])


def test_what_a_product_is_for_is_not_that_product(farm):
    assert read("2 spreeuwen", farm)[0] == []
    assert read("een voederkoek", farm)[0] == [("VOEDER", Decimal(1))]


@pytest.fixture
def hoeve():
    return Catalogue([
        product("EI", "Heuveleieren", category="eieren", description="doos van 10"),
        product("VET", "Kwekervetbollen", category="vogels", description="zak van 6"),
        product("STROOI", "Hoevestrooivoer", category="vogels", description="zak 1 kilo"),
        product("TOMP", "Molentompouce", category="gebak", description="per stuk"),
        product("ROOK", "Hoeverookvlees", "kg", "vleeswaren", "per kilo"),
        product("HAGEL-PUUR", "Molenhagel puur", category="broodbeleg", description="pak 400 gram"),
        product("HAGEL-MELK", "Molenhagel melk", category="broodbeleg", description="pak 400 gram"),
    ])


# 3. Regional words and English grocery words read as the words of the catalogue, in its compounds too.

@pytest.mark.parametrize("text, items", [
    ("doos eiers", [("EI", 1)]),
    ("mezenbollen 2 zak", [("VET", 2)]),
    ("a bag of bird seed", [("STROOI", 1)]),
    ("a custard slice", [("TOMP", 1)]),
    ("200g of smoked beef", [("ROOK", Decimal("0.2"))]),
    ("molenhagel, dark", [("HAGEL-PUUR", 1)]),
])
def test_regional_and_english_words_read_as_meant(hoeve, text, items):
    assert read(text, hoeve)[0] == [(sku, Decimal(n)) for sku, n in items]


@pytest.fixture
def deli():
    return Catalogue([
        product("PASTA", "Notenpasta", category="broodbeleg", description="pot 350 gram"),
        product("PASTA-ZZ", "Notenpasta zonder zout", category="broodbeleg", description="pot 350 gram"),
        product("HANDPEER", "Handpeer", "kg", "fruit", "per kilo"),
        product("VOSSENPEPER", "Vossenpeper", category="wild", description="bakje 500 gram"),
        product("ROOMBOTER", "Hoeveroomboter", category="zuivel", description="250 gram"),
        product("AZIJN", "Dragonazijn", category="sauzen", description="fles 500 ml"),
    ])


# 4. A product's name reads as a message does: a variant said in words ("zonder zout") is the variant the glossary
#    makes of it, and a name ends in its words, not in a syllable that looks like another word ("per" of "peper").

def test_a_variant_said_in_words_chooses_the_product_so_named(deli):
    assert read("notenpasta zonder zout", deli)[0] == [("PASTA-ZZ", Decimal(1))]
    assert read("notenpasta", deli)[0] == [("PASTA", Decimal(1))]


def test_a_name_ends_in_a_word_not_in_a_syllable(deli):
    assert read("peer", deli)[1] == [(["HANDPEER"], "quantity")]
    assert read("een pakje boter", deli)[0] == [("ROOMBOTER", Decimal(1))]
    assert read("Ik ben ziek geweest. Graag 2 notenpasta", deli)[0] == [("PASTA", Decimal(2))]


@pytest.fixture
def poulterer():
    return Catalogue([
        product("DIJ", "Kalkoendijen", "kg", "gevogelte", "per kilo"),
        product("BOUT", "Ganzenbouten", "kg", "gevogelte", "per kilo"),
        product("TRAY", "Kwarteleieren tray", category="eieren", description="tray van 24"),
    ])


# 5. Amounts said apart from the thing: a weight after a number of pieces is what they weigh together, an amount
#    alone with chatter after it ("ongeveer een kilo denk ik") is the thing's, and trays are counted as packs.

@pytest.mark.parametrize("text, items", [
    ("6 kalkoendijen, ongeveer 900 gram.", [("DIJ", "0.9")]),
    ("4 ganzenbouten please, roughly 800 grams total", [("BOUT", "0.8")]),
    ("Ganzenbouten graag. Ongeveer een kilo denk ik", [("BOUT", "1")]),
    ("3 trays kwarteleieren", [("TRAY", "3")]),
])
def test_amounts_said_apart_from_the_thing(poulterer, text, items):
    assert read(text, poulterer)[0] == [(sku, Decimal(n)) for sku, n in items]


# 6. A shelf named by a describing word is still a variant: the plain word is not the product filed there.

def test_a_shelf_of_a_describing_word_does_not_make_its_products_plain():
    bakery = Catalogue([
        product("KORST-WIT", "Wit korstbrood", category="korstbrood"),
        product("KORST-BRUIN", "Bruin korstbrood", category="korstbrood"),
        product("KORST-LV", "Lactosevrij korstbrood", category="lactosevrij"),
    ])
    assert read("korstbrood", bakery)[1] == [(["KORST-BRUIN", "KORST-LV", "KORST-WIT"], "ambiguous")]


# 7. A product of two things ("X en Y") is the first one's: the second said alone is not sold here.

def test_the_second_thing_of_a_product_of_two_is_not_that_product():
    shelf = Catalogue([product("MIX", "Kapucijners en raapsteeltjes", category="potten", description="pot 720 ml")])
    assert read("kapucijners", shelf)[0] == [("MIX", Decimal(1))]
    assert read("raapstelen, koolrabi", shelf) == ([], [], ["raapstelen", "koolrabi"])


# 8. A pack said after "in" is the pack asked for: "drie liter in flessen" is three bottles, not the 3-liter pack.

def test_a_pack_said_after_in_chooses_it(pantry):
    assert read("drie liter vlierlimonade in flessen", pantry)[0] == [("VLIER", Decimal(3))]
    assert read("drie liter vlierlimonade", pantry)[0] == [("VLIER-3L", Decimal(1))]


# 9. What is offered instead ("anders ...") is ordered only when the thing before it is not sold, and an amount
#    said alone after "graag" counts the thing before it.

def test_an_alternative_is_ordered_only_when_the_first_thing_is_not_sold(pantry):
    assert read("Heeft u nog kroosbessen? Dan graag een kilo. Anders een blok tempoek", pantry)[:2] == (
        [("KROOS", Decimal(1))], [])
    assert read("Heeft u stekelbessen? Anders een bakje kroosbessen", pantry) == (
        [("KROOS-BAKJE", Decimal(1))], [], ["stekelbessen"])


# 10. Describing words on a line of their own are a thing of their own, not a refinement of the line before, unless
#     they point back ("de kleine").

def test_describing_words_on_their_own_line_are_a_thing():
    bakery = Catalogue([
        product("WIT", "Wit korstbrood", category="korstbrood"),
        product("WIT-HALF", "Wit korstbrood half", category="korstbrood"),
        product("BRUIN", "Bruin korstbrood", category="korstbrood"),
        product("BRUIN-HALF", "Bruin korstbrood half", category="korstbrood"),
    ])
    assert read("wit korstbrood\nbruin half", bakery)[:2] == ([("WIT", 1), ("BRUIN-HALF", 1)], [])
    assert read("wit korstbrood\nde halve", bakery)[:2] == ([("WIT-HALF", 1)], [])


# 11. What a product is for is marked, even when its shelf is so called ("... voor vogels" filed under vogels), and
#     a heading that says what a list is for ("Voor de vogels") chooses the products so meant under it.

@pytest.fixture
def seeds():
    return Catalogue([
        product("HENNEP", "Hennepzaad", category="zaden", description="om te eten, zak 250 gram"),
        product("HENNEP-VOGEL", "Hennepzaad voor vogels", category="vogels", description="zak 1 kilo"),
    ])


def test_what_a_product_is_for_marks_it_even_as_its_shelf(seeds):
    assert read("hennepzaad", seeds)[0] == [("HENNEP", Decimal(1))]


def test_a_heading_of_what_a_list_is_for_chooses_under_it(seeds):
    assert read("Voor de vogels\nhennepzaad\n", seeds)[0] == [("HENNEP-VOGEL", Decimal(1))]


# 12. A product called by a word that is mostly chatter is that product when an amount follows it ("zult 2 ons").

def test_a_chatter_word_that_names_a_product_before_its_amount():
    stall = Catalogue([product("GEZ", "Gezellig", "kg", "snoep", "per kilo"),
                       product("KLAVER", "Klaverstroopsel", category="stroopsel")])
    assert read("gezellig 2 ons\nklaverstroopsel", stall)[0] == [("GEZ", Decimal("0.2")), ("KLAVER", 1)]


# 13. A sign-off word with an amount after it orders: "alvast een ..." is "already, one ...", not "thanks in advance".

def test_a_sign_off_word_before_an_amount_is_no_sign_off(pantry):
    assert read("Een tempoek. Ook alvast een pak klaverstroopsel", pantry)[0] == [("TEMPOEK", 1), ("KLAVER", 1)]
    assert read("Een tempoek. Alvast bedankt, Klaverstroopsel", pantry)[0] == [("TEMPOEK", 1)]


# 14. A compound said in two words the other way round, as a glossary word gives it ("a loaf of wholemeal": brood
#     volkoren), is said whole: its plain product, not a question between it and its half.

def test_a_compound_said_backwards_in_two_words_is_said_whole(use_glossary):
    use_glossary(("krust", "same", "brood", "en"))
    bakery = Catalogue([
        product("SPELD", "Speldebrood", category="brood"),
        product("SPELD-HALF", "Speldebrood half", category="brood"),
        product("WIT", "Wit brood", category="brood"),
    ])
    assert read("a krust spelde", bakery)[:2] == ([("SPELD", 1)], [])


# 15. Sliced is an instruction unless the prepacked pack is asked for: "in plakjes, dat bakje" is the sliced tub,
#     and a province's adjective ("gelderse") only describes, no thing of its own.

def test_the_sliced_pack_asked_for_is_that_pack():
    butcher = Catalogue([
        product("VOS", "Gelderse vossenworst", category="worst", description="ring ca. 300 gram"),
        product("VOS-PLAK", "Vossenworst in plakjes", category="vleeswaren", description="voorverpakt, bakje 100 gram"),
        product("LEVER", "Gelderse leverworst", "kg", "worst", "per kilo"),
    ])
    assert read("een gelderse vossenworst in plakjes dat bakje", butcher)[:2] == ([("VOS-PLAK", 1)], [])
