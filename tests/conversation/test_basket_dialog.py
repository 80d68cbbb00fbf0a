"""The basket dialog text and voice share (orders/basket_dialog.py): the questions a kind word
raises, what an answer chooses, and the lines merged per product; then both channels asked."""
from decimal import Decimal
from pathlib import Path

import pytest

from orders import basket_dialog
from orders.catalogue import Catalogue
from orders.understanding import understand
from tests.support.caller import Caller
from tests.support.people import TRUUS
from tests.support.talk import last

DEMO = Path(__file__).resolve().parents[2] / "demo" / "zwartsluis"


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.from_csv(DEMO)


def asked(catalogue, text):
    """The questions a message raises, each with the names of the products it offers."""
    questions, unsold = basket_dialog.questions(understand(text, catalogue).unclear)
    return [(q, basket_dialog.choices(q, catalogue)) for q in questions], unsold


def test_a_kind_word_is_one_question_with_at_most_four_numbered_products(catalogue):
    [(question, products)], _ = asked(catalogue, "een brood")
    assert question["text"] == "een brood" and not basket_dialog.about_amount(question)
    assert 2 <= len(products) <= 4, "with 0 for none of these, five choices at most"
    assert all("brood" in p.name.lower() for p in products)


@pytest.mark.parametrize("said, number", [
    ("2", 2), ("nummer 2", 2), ("2.", 2), ("bruin", "Bruin brood heel"), ("het bruine brood graag", "Bruin brood heel"),
    ("0", 0), ("nee", 0), ("nee dank u", 0),
])
def test_an_answer_picks_by_number_or_name_and_nee_is_none_of_them(catalogue, said, number):
    [(question, products)], _ = asked(catalogue, "een brood")
    if isinstance(number, str):
        number = 1 + [p.name for p in products].index(number)
    chosen = basket_dialog.answer(question, products, said)
    assert chosen.line == ((products[number - 1].sku, "1") if number else None)


@pytest.mark.parametrize("said", ["9", "ja", "kaas", "weet ik niet", ""])
def test_an_answer_that_picks_nothing_clear_is_asked_again(catalogue, said):
    [(question, products)], _ = asked(catalogue, "een brood")
    assert basket_dialog.answer(question, products, said) is None


def test_ja_takes_the_one_product_offered(catalogue):
    question = {"text": "krentenbol", "candidates": ["BAK-KRENTENBOL"], "quantity": "4", "reason": "unknown"}
    products = basket_dialog.choices(question, catalogue)
    assert basket_dialog.answer(question, products, "Ja graag").line == ("BAK-KRENTENBOL", "4")


def test_a_weighed_product_chosen_without_an_amount_is_a_pound_and_an_amount_said_is_kept(catalogue):
    [(question, products)], _ = asked(catalogue, "kaas")
    assert basket_dialog.answer(question, products, "1").line == (products[0].sku, "0.5")
    [(question, products)], _ = asked(catalogue, "2 ons kaas")
    assert Decimal(basket_dialog.answer(question, products, "1").line[1]) == Decimal("0.2")


@pytest.mark.parametrize("text, then", [("300 brood", "2"), ("40 kilo kaas", "1 pond"), ("een gram kaas", "2 ons")])
def test_a_kind_word_with_an_amount_no_household_orders_asks_how_much_after_the_choice(catalogue, text, then):
    [(question, products)], _ = asked(catalogue, text)
    chosen = basket_dialog.answer(question, products, "2")
    assert chosen.line is None and not basket_dialog.teaches(question, chosen), "nothing ordered yet"
    [how_much] = chosen.before([])
    assert basket_dialog.about_amount(how_much) and basket_dialog.choices(how_much, catalogue) == [products[1]]
    assert basket_dialog.answer(how_much, [products[1]], then).line[0] == products[1].sku


@pytest.mark.parametrize("said, quantity", [("1 pond", "0.5"), ("Een pond.", "0.5"), ("twee ons graag", "0.2"),
                                            ("0", None), ("nee", None)])
def test_how_much_is_answered_in_the_words_people_use(catalogue, said, quantity):
    [(question, products)], _ = asked(catalogue, "jong belegen kaas")
    assert basket_dialog.about_amount(question)
    chosen = basket_dialog.answer(question, products, said)
    assert chosen.line == ((products[0].sku, quantity) if quantity else None)
    assert not basket_dialog.teaches(question, chosen), "not wanting an amount teaches no word"


def test_none_of_the_products_leaves_the_word_for_the_coordinator_to_teach(catalogue):
    [(question, products)], _ = asked(catalogue, "een brood")
    assert basket_dialog.teaches(question, basket_dialog.answer(question, products, "0"))
    assert not basket_dialog.teaches(question, basket_dialog.answer(question, products, "1"))


def test_a_question_whose_products_are_no_longer_sold_is_passed_over(catalogue):
    [(bread, _)], _ = asked(catalogue, "een brood")
    gone = {"text": "drop", "candidates": ["NOT-SOLD"], "quantity": None, "reason": "unknown"}
    assert basket_dialog.still_open([gone, bread], catalogue) == ([bread], ["drop"])


def test_a_chosen_product_already_in_the_basket_adds_up_to_one_line(catalogue):
    lines = [["BAK-KRENTENBOL", "2"], ["KAA-JONG", "0.5"]]
    question = {"text": "bol", "candidates": ["BAK-KRENTENBOL"], "quantity": None, "reason": "unknown"}
    lines = basket_dialog.answer(question, basket_dialog.choices(question, catalogue), "1").added_to(lines)
    assert basket_dialog.merged(lines) == [("BAK-KRENTENBOL", Decimal(3)), ("KAA-JONG", Decimal("0.5"))]


@pytest.mark.parametrize("kind_word", ["brood", "melk", "kaas"])
def test_text_and_voice_offer_the_same_choices_for_the_same_kind_word(phone, work, client, settings, demo, clock,
                                                                     kind_word):
    phone(TRUUS).text(kind_word)
    work()
    written = [line.split(". ", 1)[1].rsplit(" €", 1)[0] for line in last(settings, TRUUS).splitlines()
               if line[:1].isdigit() and line[1:3] == ". "]
    truus = Caller(client, settings, TRUUS, sid="CA-basket-" + kind_word)
    truus.dial()
    truus.press(2)
    question = truus.say(kind_word)
    spoken = [s.split(" voor ", 1)[1].rstrip(".") for s in question.said if s.startswith("Druk ") and " voor " in s]
    assert len(written) >= 2
    assert spoken == written


def test_a_caller_is_asked_how_much_as_a_texter_is_and_not_given_a_pound_unasked(client, settings, demo):
    truus = Caller(client, settings, TRUUS)
    truus.dial()
    truus.press(2)
    question = truus.say("jong belegen kaas")
    assert "U zei: jong belegen kaas. Hoeveel Jong belegen kaas wilt u?" in question.said
    assert question.path(question.gather).startswith("/twilio/voice/choose?")
    read_back = truus.say("Twee ons.")
    assert any(s.startswith("Jong belegen kaas, twee ons") for s in read_back.said), read_back.said
