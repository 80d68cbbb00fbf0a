"""Understanding a village it was never built against: a small made-up catalogue, words in no corpus."""
from decimal import Decimal

import pytest

from orders.catalogue import Catalogue, Product
from tests.support.reading import read


def product(sku, shop, name, unit="stuk", category=""):
    return Product(sku, shop, name, unit, 250, category, "")


@pytest.fixture
def village():
    """Seven shops of a village no corpus describes."""
    return Catalogue([
        product("GEIT-JONG", "zuivelhoeve", "Geitenkaas jong", "kg", "kaas"),
        product("GEIT-HON", "zuivelhoeve", "Geitenkaas met honing", "kg", "kaas"),
        product("SCHAAP", "zuivelhoeve", "Schapenkaas", "kg", "kaas"),
        product("JAM-BOS", "hofwinkel", "Bosbessenjam 450 gram", "stuk", "jam"),
        product("JAM-KRUIS", "hofwinkel", "Kruisbessenjam 450 gram", "stuk", "jam"),
        product("LIJNZAAD", "hofwinkel", "Lijnzaad 500 gram", "stuk", "zaden"),
        product("SPELT", "molen", "Speltmeel 1 kg", "stuk", "meel"),
        product("PASTINAAK", "akker", "Pastinaak", "kg", "groente"),
        product("KNOLRAAP", "akker", "Knolraap", "stuk", "groente"),
        product("DUINROOS", "kwekerij", "Duinrozen", "bos", "bloemen"),
        product("HAZEL", "notenbar", "Hazelnoten 250 gram", "stuk", "noten"),
        product("HAZEL-GEBRAND", "notenbar", "Hazelnoten gebrand 250 gram", "stuk", "noten"),
        product("SPELTBROOD", "molen", "Speltbrood", "stuk", "brood"),
        product("SPELTBROOD-HALF", "molen", "Speltbrood half", "stuk", "brood"),
        product("KNIJPERS", "huishoud", "Wasknijpers 24 stuks", "stuk", "huishouden"),
        product("PLEISTER", "apotheek", "Vingerpleisters", "stuk", "verband"),
        product("PLEISTER-WATER", "apotheek", "Vingerpleisters waterafstotend", "stuk", "verband"),
        product("OSSEWORST", "slagerij", "Ossenworst", "kg", "vleeswaren"),
        product("OSSEWORST-PAK", "slagerij", "Ossenworst voorgesneden 100 gram", "stuk", "vleeswaren"),
        product("KNOLRAAP-KLEIN", "akker", "Knolraap klein", "stuk", "groente"),
        product("EEND-6", "hoeve", "Eendeneieren 6 stuks", "stuk", "eieren"),
        product("EEND-12", "hoeve", "Eendeneieren 12 stuks", "stuk", "eieren"),
        product("ZANDPIEPER", "akker", "Zandaardappelen zak 2,5 kg", "stuk", "aardappelen"),
        product("ZANDPIEPER-5", "akker", "Zandaardappelen zak 5 kg", "stuk", "aardappelen"),
    ])


# 1. A kind word asks; one product is that one.

def test_a_category_word_asks_with_every_product_it_covers(village):
    assert read("200 gram kaas", village) == ([], [(["GEIT-HON", "GEIT-JONG", "SCHAAP"], "ambiguous")], [])
    assert read("een pot jam", village) == ([], [(["JAM-BOS", "JAM-KRUIS"], "ambiguous")], [])


def test_a_shared_head_word_asks_when_no_product_is_the_plain_one(village):
    _, questions, _ = read("2 geitenkaas", village)
    assert questions == [(["GEIT-HON", "GEIT-JONG"], "ambiguous")]


def test_a_kind_word_that_covers_one_product_is_that_product(village):
    assert read("bloemen", village) == ([("DUINROOS", 1)], [], [])
    assert read("een zak noten", village)[1] == [(["HAZEL", "HAZEL-GEBRAND"], "ambiguous")]


def test_a_category_said_as_written_offers_its_products_not_one_whose_name_ends_in_it():
    stall = Catalogue([product("ZON", "bloemist", "Zonnebloemen", "bos", "bloemen"),
                       product("DUIN", "bloemist", "Duinrozen", "bos", "bloemen"),
                       product("BLOEM", "molen", "Bloem 1 kg", "stuk", "bakken")])
    assert read("een bos bloemen", stall)[1] == [(["DUIN", "ZON"], "ambiguous")]
    assert read("een kilo bloem", stall)[0] == [("BLOEM", 1)]


def test_the_plain_product_still_wins_over_its_marked_variant(village):
    assert read("hazelnoten", village) == ([("HAZEL", 1)], [], [])
    assert read("speltbrood", village) == ([("SPELTBROOD", 1)], [], [])


def test_the_glossary_names_kinds_the_catalogue_does_not(village, use_glossary):
    use_glossary(("zuivel", "kind", "geitenkaas", "nl"))
    _, questions, _ = read("wat zuivel", village)
    assert questions == [(["GEIT-HON", "GEIT-JONG"], "ambiguous")]


# 2. What the market does not sell is not found, never a neighbour.

@pytest.mark.parametrize("text, unsold", [
    ("een fles lijnzaadolie", "lijnzaadolie"),
    ("een fles lijnzaad olie", "lijnzaad olie"),
    ("2 pakken speltmeelkoekjes", "speltmeelkoekjes"),
    ("een zak vaatwasknijpers", "vaatwasknijpers"),
])
def test_a_compound_with_another_head_is_not_sold(village, text, unsold):
    assert read(text, village) == ([], [], [unsold])


def test_a_word_inside_another_compound_is_no_slip_for_it():
    shop = Catalogue([product("BORSTEL", "klus", "Afwasborstel"), product("HOUT", "klus", "Houtlijm")])
    assert read("een wasborstel", shop) == ([], [], ["wasborstel"])
    assert read("een afwasborstl", shop)[0] == [("BORSTEL", 1)]


def test_the_last_word_names_the_thing_the_others_only_choose(village):
    items, questions, _ = read("een pot zwarte bonen", Catalogue([
        product("ZWART-THEE", "hof", "Zwarte thee"), product("TUINBOON", "akker", "Tuinbonen", "kg")]))
    assert items == [] and all(candidates == ["TUINBOON"] for candidates, _ in questions)


def test_flour_is_not_the_flowers_of_another_shop(village):
    items, questions, unsold = read("een kilo meel en een bos bloemen", village)
    assert items == [("SPELT", 1), ("DUINROOS", 1)] and questions == [] and unsold == []


# 4. Spoken numbers of any size, and amounts no household orders.

@pytest.mark.parametrize("text, kilos", [
    ("honderdvijftig gram pastinaak", Decimal("0.15")),
    ("tweehonderdvijftig gram pastinaak", Decimal("0.25")),
    ("anderhalve kilo pastinaak", Decimal("1.5")),
    ("driehonderd gram schapenkaas", Decimal("0.3")),
    ("twee komma vijf kilo pastinaak", Decimal("2.5")),
    ("driekwart kilo pastinaak", Decimal("0.75")),
    ("one and a half kilo pastinaak", Decimal("1.5")),
    ("zevenhonderdvijftig gram pastinaak", Decimal("0.75")),
])
def test_spoken_weights_read_right(village, text, kilos):
    (sku, quantity), = read(text, village)[0]
    assert quantity == kilos


@pytest.mark.parametrize("text", ["1 gram schapenkaas", "40 kilo pastinaak", "300 knolrapen", "vijftig kilo speltmeel"])
def test_an_implausible_amount_is_asked_never_ordered(village, text):
    items, questions, _ = read(text, village)
    assert items == [] and [reason for _, reason in questions] == ["quantity"]


# 5. Speech that corrects itself: the later words win.

@pytest.mark.parametrize("text, items", [
    ("knolraap, nee wacht, die hoeft niet", []),
    ("een knolraap en lijnzaad, laat maar zitten", [("KNOLRAAP", 1)]),
    ("drie, of nee, doe maar twee knolrapen", [("KNOLRAAP", 2)]),
    ("drie knolrapen, of nee, doe maar twee", [("KNOLRAAP", 2)]),
    ("vier knolrapen nee vijf", [("KNOLRAAP", 5)]),
    ("een pot bosbessenjam, nee sorry, kruisbessenjam", [("JAM-KRUIS", 1)]),
    ("knolraap, nee, en ook lijnzaad", [("KNOLRAAP", 1), ("LIJNZAAD", 1)]),
])
def test_the_later_words_win(village, text, items):
    assert read(text, village)[0] == items


def test_fillers_and_repeats_are_not_products(village):
    assert read("eh knolraap, ehm, knolraap eh en uh lijnzaad", village) == ([("KNOLRAAP", 1), ("LIJNZAAD", 1)], [], [])
    assert read("nee, geen knolraap deze week", village) == ([], [], [])


# 3. Variants and units are kept.

VARIANTS = [("waterafstotend", "modifier", "waterproof", "en"), ("voorgesneden", "modifier", "sliced", "nl"),
            ("in plakjes", "modifier", "sliced", "nl"), ("kleine", "modifier", "small", "nl"),
            ("small", "modifier", "small", "en"), ("plasters", "same", "vingerpleisters", "en"),
            ("duck eggs", "same", "eendeneieren", "en")]


@pytest.mark.parametrize("text, items", [
    ("waterproof plasters", [("PLEISTER-WATER", 1)]),
    ("vingerpleisters waterafstotend", [("PLEISTER-WATER", 1)]),
    ("vingerpleisters", [("PLEISTER", 1)]),
    ("een doos vingerpleisters, de gewone", [("PLEISTER", 1)]),
    ("vingerpleisters normaal", [("PLEISTER", 1)]),
    ("ossenworst in plakjes", [("OSSEWORST-PAK", 1)]),
    ("een ons ossenworst", [("OSSEWORST", Decimal("0.1"))]),
    ("een kleine knolraap", [("KNOLRAAP-KLEIN", 1)]),
    ("een half speltbrood", [("SPELTBROOD-HALF", 1)]),
    ("half a dozen duck eggs", [("EEND-6", 1)]),
    ("a dozen duck eggs", [("EEND-12", 1)]),
    ("twee zakken zandaardappelen van 2,5 kg", [("ZANDPIEPER", 2)]),
    ("een zak zandaardappelen van 5 kilo", [("ZANDPIEPER-5", 1)]),
    ("een halve kilo pastinaak", [("PASTINAAK", Decimal("0.5"))]),
    ("half a speltbrood", [("SPELTBROOD-HALF", 1)]),
    ("a 5 kg bag of zandaardappelen", [("ZANDPIEPER-5", 1)]),
    ("some vingerpleisters", [("PLEISTER", 1)]),
])
def test_variants_sizes_and_counts_are_kept(village, use_glossary, text, items):
    use_glossary(*VARIANTS)
    assert read(text, village)[0] == items


def test_a_variant_word_alone_names_nothing_and_slicing_bread_is_an_instruction(village, use_glossary):
    use_glossary(*VARIANTS)
    assert read("in plakjes", village) == ([], [], [])
    assert read("speltbrood gesneden", village)[0] == [("SPELTBROOD", 1)]


# 6. Words of the language: regional and English names, slips of the pen, one item a line.

LANGUAGE = [("pinksterbloemen", "same", "duinrozen", "nl-regio"), ("hazelnuts", "same", "hazelnoten", "en"),
            ("parsnips", "same", "pastinaak", "en"), ("turnip", "same", "knolraap", "en"),
            ("roasted", "modifier", "gebrand", "en")]


def test_regional_and_english_names_mean_what_the_glossary_says(village, use_glossary):
    use_glossary(*LANGUAGE)
    assert read("een bos pinksterbloemen", village) == ([("DUINROOS", 1)], [], [])
    assert read("2 bags of roasted hazelnuts and a turnip please", village)[0] == [("HAZEL-GEBRAND", 2), ("KNOLRAAP", 1)]
    assert read("half a kilo of parsnips", village)[0] == [("PASTINAAK", Decimal("0.5"))]


def test_a_glossary_meaning_gives_way_to_the_catalogue_own_word(use_glossary):
    use_glossary(("hazelnuts", "same", "hazelnoten", "en"))
    own = Catalogue([product("NUTS", "deli", "Hazelnuts roasted 200 g"), product("NOTEN", "deli", "Hazelnoten 250 gram")])
    assert read("hazelnuts", own)[0] == [("NUTS", 1)]


def test_a_word_the_glossary_does_not_know_is_not_sold(village, use_glossary):
    use_glossary(*LANGUAGE)
    assert read("2 swede crisps", village) == ([], [], ["swede crisps"])


def test_an_english_word_in_the_glossary_is_known_in_either_number(village, use_glossary):
    use_glossary(*LANGUAGE)  # it has "parsnips" and "turnip"
    assert read("a kilo of parsnip and 2 turnips", village)[0] == [("PASTINAAK", 1), ("KNOLRAAP", 2)]


@pytest.mark.parametrize("text, sku", [
    ("een kilo pastinak", "PASTINAAK"), ("een speltbroood", "SPELTBROOD"), ("1 hazlenoten", "HAZEL"), ("2 kruisbesenjam", "JAM-KRUIS"),
])
def test_a_letter_missing_doubled_or_swapped_in_a_long_word_is_a_slip(village, text, sku):
    assert [s for s, _ in read(text, village)[0]] == [sku]


def test_a_short_word_of_the_language_is_no_slip():
    bakery = Catalogue([product("VLAAI", "bakker", "Vlaai kers"), product("KRUIDKOEK", "bakker", "Kruidkoek")])
    assert read("een vlaag", bakery) == ([], [], ["vlaag"])
    assert read("een vlaai", bakery)[0] == [("VLAAI", 1)]


def test_one_item_a_line_without_commas_or_numbers(village):
    items, questions, unsold = read("lijnzaad\nspeltbrood\nkruisbessenjam\nwasknijpers", village)
    assert [s for s, _ in items] == ["LIJNZAAD", "SPELTBROOD", "JAM-KRUIS", "KNIJPERS"]
    assert read("lijnzaad\nkruisbesenjam", village)[0] == [("LIJNZAAD", 1), ("JAM-KRUIS", 1)]


def test_an_amount_after_ook_counts_the_thing_before_it(village):
    assert read("schapenkaas 1 ons, en geitenkaas jong ook 1 ons", village)[0] == [
        ("SCHAAP", Decimal("0.1")), ("GEIT-JONG", Decimal("0.1"))]


def test_small_or_big_chooses_between_a_thing_and_its_diminutive():
    bakery = Catalogue([product("KOEK", "bakker", "Notenkoek"), product("KOEKJE", "bakker", "Notenkoekje")])
    assert read("een kleine notenkoek", bakery)[0] == [("KOEKJE", 1)]
    assert read("a notenkoek, the big one", bakery)[0] == [("KOEK", 1)]
    assert read("een notenkoek", bakery)[1] == [(["KOEK", "KOEKJE"], "ambiguous")]


def test_a_letter_off_in_a_long_english_word_is_a_slip_for_the_glossary_word(village, use_glossary):
    use_glossary(*LANGUAGE)
    assert read("a kilo of parsnipps and a turnipp", village)[0] == [("PASTINAAK", 1), ("KNOLRAAP", 1)]
    assert read("a kilo of parsnipz", village)[0] == [("PASTINAAK", 1)]


def test_a_small_loaf_is_the_half_one_and_never_the_whole_for_being_plainest():
    bakery = Catalogue([product("HAVER-HEEL", "bakker", "Haverbrood heel"), product("HAVER-HALF", "bakker", "Haverbrood half")])
    assert read("een klein haverbrood", bakery)[0] == [("HAVER-HALF", 1)]
    assert read("een groot haverbrood", bakery)[0] == [("HAVER-HEEL", 1)]
    assert read("een haverbrood", bakery)[0] == [("HAVER-HEEL", 1)]


def test_a_loaf_of_bread_is_a_whole_loaf_and_half_a_loaf_the_half():
    bakery = Catalogue([product("HAVER-HEEL", "bakker", "Haverbrood heel"), product("HAVER-HALF", "bakker", "Haverbrood half")])
    assert read("a loaf of haverbrood", bakery)[0] == [("HAVER-HEEL", 1)]
    assert read("2 loaves of haverbrood", bakery)[0] == [("HAVER-HEEL", 2)]
    assert read("half a loaf of haverbrood", bakery)[0] == [("HAVER-HALF", 1)]
    assert read("a small haverbrood loaf", bakery)[0] == [("HAVER-HALF", 1)]


def test_a_describing_word_after_the_thing_and_then_an_amount_refine_the_thing():
    dairy = Catalogue([product("SCHAAP-JONG", "zuivel", "Schapenkaas jong", "kg", "kaas"),
                       product("SCHAAP-OUD", "zuivel", "Schapenkaas oud", "kg", "kaas")])
    assert read("schapenkaas, oud, 300 gram", dairy) == ([("SCHAAP-OUD", Decimal("0.3"))], [], [])
    assert read("sheep's cheese, young, 200 grams", dairy) == ([("SCHAAP-JONG", Decimal("0.2"))], [], [])


def test_everyday_english_of_every_shelf_means_the_dutch_product():
    shop = Catalogue([product("SCHORS", "akker", "Schorseneren", "kg", "groente"),
                      product("ARTI", "deli", "Artisjokharten", "stuk", "conserven"),
                      product("MAAG", "drogist", "Maagtabletten", "stuk", "gezondheid"),
                      product("VERZACHT", "drogist", "Wasverzachter", "stuk", "huishouden"),
                      product("SPOELING", "drogist", "Crèmespoeling", "stuk", "haar")])
    assert read("a kilo of salsify, artichoke hearts, antacids and fabric conditioner", shop) == (
        [("SCHORS", 1), ("ARTI", 1), ("MAAG", 1), ("VERZACHT", 1)], [], [])
    assert read("hair conditioner", shop)[0] == [("SPOELING", 1)]


def test_a_sign_off_word_in_the_greeting_does_not_end_the_message(village, use_glossary):
    use_glossary(*LANGUAGE)
    assert read("Hi love, half a kilo of parsnips and a turnip please. Cheers, Margaret x", village)[0] == [
        ("PASTINAAK", Decimal("0.5")), ("KNOLRAAP", 1)]


@pytest.mark.parametrize("text, expected", [
    ("two turnips, no wait, make it three", [("KNOLRAAP", 3)]),
    ("a turnip, actually no, half a kilo of parsnips", [("PASTINAAK", Decimal("0.5"))]),
    ("3 turnips, or rather 2", [("KNOLRAAP", 2)]),
    ("a turnip, forget it", []),
    ("I don't need turnips this week, just a kilo of parsnips", [("PASTINAAK", 1)]),
])
def test_english_speech_that_corrects_itself(village, use_glossary, text, expected):
    use_glossary(*LANGUAGE)
    assert read(text, village)[0] == expected


def test_an_age_said_after_over_is_no_count():
    chemist = Catalogue([product("VIT-65", "drogist", "Multivitamine 65+", "stuk", "vitamines")])
    assert read("multivitamins for over 65s", chemist)[0] == [("VIT-65", 1)]
