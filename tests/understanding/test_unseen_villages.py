"""Classes of mistakes seen on villages the understanding was never built against, on made-up words.

Every catalogue here is invented; none of its words is a product of a labelled corpus.
"""
from decimal import Decimal

import pytest

from orders.catalogue import Catalogue
from tests.support.reading import product, read


@pytest.fixture
def dairy():
    """A goat farm's shop: sizes written in the descriptions, not in the names."""
    return Catalogue([
        product("KEFIR", "Kefir", category="zuivel", description="fles 1 liter"),
        product("HANGOP", "Hangop", category="hangop", description="0,5 liter"),
        product("RIETSTROOP", "Rietstroop", category="beleg", description="pot van 450 gram"),
        product("TOAST", "Meergranen toastjes", category="koek", description="rol van 12"),
        product("GEIT-TUIN", "Tuinkruidengeitenkaas", "kg", "geitenkaas"),
        product("GEIT-JONG", "Jonge geitenkaas", "kg", "geitenkaas"),
        product("GEIT-BLOK", "Geitenkaas blokje", category="geitenkaas", description="blokje 150 gram"),
        product("GEIT-PLAK", "Jonge geitenkaas plakken", category="geitenkaas", description="voorverpakt, 150 gram"),
        product("KWARTEL-12", "Kwartelseitjes doos van 12", category="kwartelseitjes"),
        product("KWARTEL-18", "Kwartelseitjes doos van 18", category="kwartelseitjes"),
        product("KWARTEL-BIO", "Biologische kwartelseitjes", category="kwartelseitjes", description="doos van 6"),
        product("KARNHANGOP", "Karnhangop", category="hangop", description="fles 1 liter"),
    ])


# 1. The description says the pack: a liter of it is one bottle, a roll is one roll.

@pytest.mark.parametrize("text, items", [
    ("een liter kefir", [("KEFIR", 1)]),
    ("2 liter kefir", [("KEFIR", 2)]),
    ("1 rol toastjes", [("TOAST", 1)]),
    ("een halve liter hangop", [("HANGOP", 1)]),
])
def test_the_pack_size_in_the_description_counts_a_measure_in_packs(dairy, text, items):
    assert read(text, dairy)[0] == [(sku, Decimal(n)) for sku, n in items]


def test_a_weight_in_a_description_does_not_turn_weighed_goods_into_packs(dairy):
    # "150 gram" of a prepacked pack is no reason to sell 150 gram of cheese as that pack
    assert read("150 gram jonge geitenkaas", dairy)[0] == [("GEIT-JONG", Decimal("0.15"))]


# 2. A word that names a kind reaches every product of that kind alike.

def test_a_kind_word_asks_among_compounds_and_named_products_alike(dairy):
    items, questions, _ = read("2 ons geitenkaas", dairy)
    assert items == []
    assert questions and questions[0][1] == "ambiguous"
    assert {"GEIT-TUIN", "GEIT-JONG"} <= set(questions[0][0])


def test_a_count_chooses_the_box_among_compounds_of_the_kind(dairy):
    assert read("18 kwartelseitjes", dairy)[0] == [("KWARTEL-18", Decimal(1))]
    assert read("12 kwartelseitjes", dairy)[0] == [("KWARTEL-12", Decimal(1))]


def test_the_plain_word_is_not_the_compound_that_ends_in_it(dairy):
    # "karnhangop" is a kind of "hangop", but the plain word is the plain product
    assert read("1 liter hangop", dairy)[0] == [("HANGOP", Decimal(2))]
    assert read("hangop", dairy)[0] == [("HANGOP", Decimal(1))]


# 3. Speech that corrects itself: an amount said after "nee" replaces the amount before it.

@pytest.mark.parametrize("text, items", [
    ("ik wil een liter kefir eh nee doe maar twee liter en een rietstroop", [("KEFIR", 2), ("RIETSTROOP", 1)]),
    ("drie kefir of nee wacht doe maar twee en een rietstroop", [("KEFIR", 2), ("RIETSTROOP", 1)]),
    ("een pond tuinkruidengeitenkaas nee een half pond en een rietstroop", [("GEIT-TUIN", "0.25"), ("RIETSTROOP", 1)]),
    ("vier kefir nee drie is genoeg", [("KEFIR", 3)]),
])
def test_an_amount_said_after_a_correction_replaces_the_first(dairy, text, items):
    assert read(text, dairy)[0] == [(sku, Decimal(n)) for sku, n in items]


# 4. A word of the glossary keeps its own reading where it begins a product word here.

def test_a_word_that_begins_a_compound_here_is_not_read_as_another_word(use_glossary):
    use_glossary(("gerst", "same", "wit", "en"))
    bakery = Catalogue([product("GERST", "Gerstebrood"), product("WIT", "Wit brood")])
    assert read("1 wit brood", bakery)[0] == [("WIT", Decimal(1))]
    assert read("een gerst", bakery)[0] == []


# 5. What a product has is not what it is, and a participle is no compound.

@pytest.fixture
def stall():
    return Catalogue([
        product("FOREL-DILLE", "Gerookte forel met dille"),
        product("DILLE", "Dille", "bos"),
        product("MUESLI", "Ontbijtgranen met pecannoten"),
        product("SCHORS-SCHOON", "Schorseneren schoongeschrapt", category="groente"),
    ])


def test_a_word_after_a_preposition_in_a_name_does_not_name_the_product(stall):
    assert read("een bos dille", stall)[0] == [("DILLE", Decimal(1))]
    assert read("gerookte forel met dille", stall)[0] == [("FOREL-DILLE", Decimal(1))]
    assert read("een zak pecannoten", stall)[0] == []


def test_the_end_of_a_participle_is_not_a_kind_of_it(stall):
    # "geschrapt" ends "schoongeschrapt" but no product is a kind of "schrapt"
    assert read("een schorseneer, maakt niet uit welke, schrapt u hem?", stall)[0] != [("SCHORS-SCHOON", Decimal(2))]
    assert read("schrapt", stall)[0] == []


# 6. A word one product is named by and others end in names a kind: it asks.

def test_a_word_both_named_and_a_compound_head_asks():
    shop = Catalogue([
        product("KOOLRAAP-GEKOOKT", "Gekookte koolraap", "kg"),
        product("KOOLRAAP-WINTER", "Winterkoolraap", "kg"),
        product("KOOLRAAP-STOOF", "Stoofkoolraap", "kg"),
    ])
    items, questions, _ = read("een pond koolraap", shop)
    assert items == [] and questions[0][1] == "ambiguous"
    assert set(questions[0][0]) == {"KOOLRAAP-GEKOOKT", "KOOLRAAP-WINTER", "KOOLRAAP-STOOF"}


# 7. The first part of a compound chooses with the other words ("een half spelt": half speltbrood), alone it is not sold.

@pytest.fixture
def mill():
    return Catalogue([
        product("SPELT-HEEL", "Speltbrood heel", category="brood"),
        product("SPELT-HALF", "Speltbrood half", category="brood"),
        product("ROGGE-HALF", "Roggebrood half", category="brood"),
        product("SCHORS-HALF", "Schorseneren half", "kg", "groente"),
        product("KARWIJMELK", "Karwijmelk", category="zuivel"),
    ])


def test_the_first_part_of_a_compound_chooses_among_what_the_other_words_name(mill):
    assert read("een half spelt", mill)[0] == [("SPELT-HALF", Decimal(1))]
    assert read("rogge half", mill)[0] == [("ROGGE-HALF", Decimal(1))]


def test_the_first_part_of_a_compound_alone_is_not_that_product(mill):
    assert read("ook graag karwij", mill) == ([], [], ["karwij"])


# 8. Counts and labels as written: "+" joins a list, pieces by another name, a type said in words.

@pytest.fixture
def chemist():
    return Catalogue([
        product("ZINK-30", "Zinkzuigtabletten 30 tabletten", category="gezondheid"),
        product("ZINK-90", "Zinkzuigtabletten 90 tabletten", category="gezondheid"),
        product("FILTER-4", "Koffiefilters type 4", category="huishouden"),
        product("FILTER-2", "Koffiefilters type 2", category="huishouden"),
        product("KURK-6", "Kurken 6 rollen", category="huishouden"),
        product("KURK-18", "Kurken 18 rollen", category="huishouden"),
        product("SPONS", "Schuurspons", category="huishouden"),
    ])


def test_a_plus_between_things_is_a_list_break_and_the_amount_stays_with_its_thing(chemist):
    assert read("Kurken 18 rollen + schuurspons", chemist)[0] == [("KURK-18", Decimal(1)), ("SPONS", Decimal(1))]


def test_a_count_of_pieces_chooses_the_pack_holding_that_many_whatever_they_are_called(chemist):
    assert read("zinkzuigtabletten negentig stuks", chemist)[0] == [("ZINK-90", Decimal(1))]


def test_a_type_said_in_words_is_the_type_written_in_digits(chemist):
    assert read("koffiefilters type vier", chemist)[0] == [("FILTER-4", Decimal(1))]


def test_a_single_letter_after_a_product_word_is_part_of_its_name():
    shop = Catalogue([product("OLIE-B", "Teunisbloemolie B"), product("OLIE-K", "Teunisbloemolie K")])
    assert read("teunisbloemolie k", shop)[0] == [("OLIE-K", Decimal(1))]
    assert read("2 teunisbloemolie B", shop)[0] == [("OLIE-B", Decimal(2))]


# 9. A compound of two words of the language is a word, no slip for a neighbour; a slip in its first part still is one.

def test_a_compound_of_two_words_is_no_slip_for_a_neighbour():
    shop = Catalogue([product("PERENSAP", "Perensap"), product("SCHAAP", "Schapenkaas", "kg")])
    assert read("vier perenflappen", shop) == ([], [], ["perenflappen"])
    assert read("3 ons schapekaas", shop)[0] == [("SCHAAP", Decimal("0.3"))]


# 10. Said again in one breath, a thing is one thing; written out twice it stays twice.

def test_a_thing_said_again_in_one_breath_is_one_thing(dairy):
    assert read("ik wil graag een rietstroop een rietstroop en eh een kefir", dairy)[0] == [
        ("RIETSTROOP", Decimal(1)), ("KEFIR", Decimal(1))]
    assert read("1 rietstroop, 1 rietstroop", dairy)[0] == [("RIETSTROOP", Decimal(1)), ("RIETSTROOP", Decimal(1))]


# 11. A strength in a product's name ("25 mg") names it: said after the word it chooses that product, never a count.

@pytest.fixture
def pharmacy():
    return Catalogue([
        product("ZINK-15", "Zinktabletten 15 mg", category="mineralen", description="potje van 60 tabletten"),
        product("ZINK-25", "Zinktabletten 25 mg", category="mineralen", description="potje van 60 tabletten"),
        product("NAPROXEN", "Naproxen 250 mg", category="pijnstillers", description="doosje van 20 tabletten"),
    ])


@pytest.mark.parametrize("text, items", [
    ("zinktabletten 25", [("ZINK-25", 1)]),
    ("zinktabletten van vijftien", [("ZINK-15", 1)]),
    ("2 zinktabletten 25 mg", [("ZINK-25", 2)]),
    ("naproxen 250", [("NAPROXEN", 1)]),
])
def test_a_strength_said_after_a_product_word_chooses_the_product_so_named(pharmacy, text, items):
    assert read(text, pharmacy)[0] == [(sku, Decimal(n)) for sku, n in items]


def test_without_its_strength_the_word_asks_which(pharmacy):
    items, questions, _ = read("zinktabletten", pharmacy)
    assert items == [] and questions == [(["ZINK-15", "ZINK-25"], "ambiguous")]


def test_a_count_of_a_pack_of_tablets_or_of_smaller_packs_counts_the_packs():
    shop = Catalogue([
        product("SERVET", "Servetten", description="pak van 5 pakjes"),
        product("KAMFER", "Kamfertabletten", description="doosje van 30 tabletten"),
    ])
    assert read("3 servetten en 2 kamfertabletten", shop)[0] == [("SERVET", Decimal(3)), ("KAMFER", Decimal(2))]


# 12. A participle with a separable part ("schoongemaakt") or in -end, and an inflected variant word, describe.

def test_a_participle_with_a_separable_part_only_chooses_among_what_the_noun_names():
    shop = Catalogue([product("KOOLRABI", "Koolrabi"), product("SPINAZIE-SCHOON", "Spinazie schoongemaakt")])
    assert read("twee koolrabi's schoongemaakt", shop)[0] == [("KOOLRABI", Decimal(2))]


def test_an_inflected_variant_word_said_after_the_thing_refines_it():
    shop = Catalogue([product("HANDSCHOEN", "Tuinhandschoenen"),
                      product("HANDSCHOEN-WATER", "Tuinhandschoenen waterdicht")])
    assert read("tuinhandschoenen, de waterdichte", shop)[0] == [("HANDSCHOEN-WATER", Decimal(1))]


# 13. A describing word no product here is called by says a kind the shop may not have: ask, never the plain one.

def test_an_unknown_describing_word_before_a_thing_with_variants_asks_among_them():
    shop = Catalogue([product("LAMP", "Zaklamp"), product("LAMP-OPLAAD", "Zaklamp oplaadbaar"), product("TANG", "Tang")])
    items, questions, _ = read("een draagbare zaklamp en een tang", shop)
    assert items == [("TANG", Decimal(1))]
    assert questions == [(["LAMP", "LAMP-OPLAAD"], "ambiguous")]
    assert read("een zaklamp", shop)[0] == [("LAMP", Decimal(1))]


# 14. Speech that corrects itself: a bare number keeps the unit it corrects, "geen X maar Y" orders Y,
# a correction to an amount said alone leaves the thing before it alone.

@pytest.mark.parametrize("text, items", [
    ("tweehonderd gram tuinkruidengeitenkaas nee doe maar driehonderd", [("GEIT-TUIN", "0.3")]),
    ("een kefir en een hangop of nee geen hangop maar een rietstroop", [("KEFIR", 1), ("RIETSTROOP", 1)]),
    ("een halve liter kefir nee een hele liter", [("KEFIR", 1)]),
    ("een rietstroop en eh drie nee vier rollen toastjes", [("RIETSTROOP", 1), ("TOAST", 4)]),
])
def test_a_correction_changes_only_what_it_corrects(dairy, text, items):
    assert read(text, dairy)[0] == [(sku, Decimal(n)) for sku, n in items]


@pytest.fixture
def stand():
    """A farm stand with a tart sold whole and by the slice."""
    return Catalogue([
        product("KOOLRABI", "Koolrabi", category="groente"),
        product("SCHORSENEREN", "Schorseneren bos", "bos", "groente"),
        product("TAART-HEEL", "Mispeltaart heel", category="taart"),
        product("TAART-PUNT", "Mispeltaart punt", category="taart"),
    ])


# 15. A thing taken back by name, or named again, is not ordered twice; a price asked is no order;
# words after a preposition describe something else.

@pytest.mark.parametrize("text, items", [
    ("ja ik wil graag een koolrabi en een bos schorseneren nee toch geen koolrabi alleen de schorseneren",
     [("SCHORSENEREN", 1)]),
    ("een bos schorseneren en heeft u ook bonbons nee dat zal wel niet nou dan alleen de schorseneren",
     [("SCHORSENEREN", 1)]),
    ("een mispeltaart een hele voor zondag", [("TAART-HEEL", 1)]),
    ("1 mispeltaart punt. Voor de hele familie", [("TAART-PUNT", 1)]),
    ("ja met henk nee niet de slager haha ik wil graag een bos schorseneren", [("SCHORSENEREN", 1)]),
    ("Wat kost een bos schorseneren? Dan bestel ik er misschien een.", []),
])
def test_a_thing_is_ordered_once_and_only_when_asked_for(stand, text, items):
    ordered, questions, _ = read(text, stand)
    assert ordered == [(sku, Decimal(n)) for sku, n in items]
    assert questions == []


# 16. The word of a product's own kind goes without saying: "belegen" is the belegen geitenkaas,
# before the extra belegen or the boerengeitenkaas belegen; a noun carried from before still wins.

def test_the_kind_word_of_a_name_goes_without_saying():
    shop = Catalogue([
        product("BELEGEN", "Belegen geitenkaas", "kg", "geitenkaas"),
        product("EXTRA", "Extra belegen geitenkaas", "kg", "geitenkaas"),
        product("BOEREN", "Boerengeitenkaas belegen", "kg", "geitenkaas"),
        product("BRUIN", "Bruin brood", category="brood"),
        product("BRUIN-KADET", "Bruine kadet", category="brood"),
        product("WIT-KADET", "Witte kadet", category="brood"),
    ])
    assert read("2 ons belegen", shop)[0] == [("BELEGEN", Decimal("0.2"))]
    assert read("1 bruin", shop)[0] == [("BRUIN", Decimal(1))]
    assert read("2 witte kadetjes en 2 bruine", shop)[0] == [("WIT-KADET", Decimal(2)), ("BRUIN-KADET", Decimal(2))]


@pytest.fixture
def store():
    """A village store with goods in nets, rolls in packs, a roller sold by its clipped name and cheese by the piece."""
    return Catalogue([
        product("SJALOT", "Sjalot", category="groente"),
        product("SJALOTTEN-NET", "Sjalotten net 500 gram", category="groente"),
        product("KEUKENROL-3", "Keukenrol 3 rollen", category="huishouden"),
        product("KEUKENROL-6", "Keukenrol 6 rollen", category="huishouden"),
        product("DEO", "Deoroller", category="verzorging"),
        product("TALEGGIO", "Taleggio", "kg", "kaas"),
        product("VLOERBROOD", "Bruin vloerbrood heel", category="brood"),
        product("KOOLRABI", "Koolrabi", category="groente"),
    ])


# 17. A bag is a net, a bare "van 3" counts rolls, "deo" is the deoroller, "stukje" is a piece and
# "niet gesneden" an instruction.

@pytest.mark.parametrize("text, items", [
    ("1 zak sjalotten", [("SJALOTTEN-NET", 1)]),
    ("1 pak keukenrol van 3", [("KEUKENROL-3", 1)]),
    ("1 deo", [("DEO", 1)]),
    ("1 taleggio stukje van 200 gram", [("TALEGGIO", "0.2")]),
    ("1 heel bruin niet gesneden", [("VLOERBROOD", 1)]),
])
def test_the_words_of_a_pack_and_of_a_clipped_name_read_as_meant(store, text, items):
    assert read(text, store)[0] == [(sku, Decimal(n)) for sku, n in items]


def test_the_same_thing_said_again_with_other_describing_words_is_another_thing():
    shop = Catalogue([product("KADET-WIT", "Kadet wit", category="brood"), product("KADET-BRUIN", "Kadet bruin", category="brood")])
    assert read("een kadet wit een kadet bruin", shop)[0] == [("KADET-WIT", Decimal(1)), ("KADET-BRUIN", Decimal(1))]
    assert read("een kadet wit een kadet wit", shop)[0] == [("KADET-WIT", Decimal(1))]


# 18. Shorthand of a text message: a unit's abbreviation with its full stop ("2 st."), "pk" for a
# pack, "gesn." for sliced, and a second count after a thing of describing words only.

@pytest.mark.parametrize("text, items", [
    ("2 st. koolrabi", [("KOOLRABI", 2)]),
    ("200 gr. taleggio", [("TALEGGIO", "0.2")]),
    ("2x heel bruin 1 pk keukenrol van 3", [("VLOERBROOD", 2), ("KEUKENROL-3", 1)]),
    ("1 heel bruin gesn.", [("VLOERBROOD", 1)]),
])
def test_the_shorthand_of_a_text_message_reads_as_written_out(store, text, items):
    assert read(text, store)[0] == [(sku, Decimal(n)) for sku, n in items]


def test_one_word_made_of_two_words_of_a_name_is_that_product():
    shop = Catalogue([product("ROGGE-BROOD", "Rogge brood heel", category="brood"),
                      product("ROGGE-BOL", "Rogge bol", category="brood"),
                      product("WIT-BROOD", "Wit brood heel", category="brood")])
    assert read("1 roggebrood en 2 roggebollen", shop)[0] == [("ROGGE-BROOD", Decimal(1)), ("ROGGE-BOL", Decimal(2))]
    assert read("een wittebrood", shop)[0] == [("WIT-BROOD", Decimal(1))]


def test_a_syllable_cut_out_of_a_doubled_letter_is_no_word_of_the_name():
    shop = Catalogue([product("KOMMER", "Snijkommer", category="groente"),
                      product("LAPPEN", "Stooflappen", "kg", "vlees"),
                      product("SCHNITZEL", "Varkensschnitzel", category="vlees")])
    assert read("eh wat nog meer", shop)[:2] == ([], [])
    assert read("een kilo peen", shop)[:2] == ([], [])
    assert read("2 schnitzels", shop)[0] == [("SCHNITZEL", Decimal(2))]


def test_the_numbers_of_a_numbered_list_are_places_not_counts(store):
    text = "1. heel bruin\n2. 3 koolrabi\n3) keukenrol van 6"
    assert read(text, store)[0] == [("VLOERBROOD", Decimal(1)), ("KOOLRABI", Decimal(3)), ("KEUKENROL-6", Decimal(1))]


@pytest.mark.parametrize("text, items", [
    ("een ons of drie taleggio", [("TALEGGIO", "0.3")]),
    ("een pak of twee keukenrol van 6", [("KEUKENROL-6", 2)]),
])
def test_a_unit_or_so_is_about_that_many_of_the_unit(store, text, items):
    assert read(text, store)[0] == [(sku, Decimal(n)) for sku, n in items]


def test_a_compound_ending_in_a_short_word_is_no_slip_for_a_neighbour():
    shop = Catalogue([product("TUINKOOL", "Tuinkool", category="groente")])
    assert read("een tuinbol", shop)[:2] == ([], [])
    assert read("een tuinkol", shop)[0] == [("TUINKOOL", Decimal(1))]


def test_who_writes_is_no_product(store):
    assert read("Wilma Koolrabi hier, 2 st. koolrabi graag", store)[0] == [("KOOLRABI", Decimal(2))]


def test_describing_words_said_before_a_like_phrase_mean_its_noun():
    shop = Catalogue([product("BRUIN", "Bruin brood", category="brood"),
                      product("WIT", "Wit brood", category="brood"),
                      product("BRUIN-KADET", "Bruine kadet", category="brood"),
                      product("WIT-KADET", "Witte kadet", category="brood")])
    assert read("2 witte en 2 bruine kadetten", shop)[0] == [("WIT-KADET", Decimal(2)), ("BRUIN-KADET", Decimal(2))]
    assert read("een wit en een bruin", shop)[0] == [("WIT", Decimal(1)), ("BRUIN", Decimal(1))]
