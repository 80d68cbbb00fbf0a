"""Registration keeps only what a person could mean: a name that is a name, an address with a
postcode and a house number."""
import time

import pytest
from sqlalchemy import select

from orders.models import Resident
from tests.support.people import COORDINATOR
from tests.support.talk import last, messages

STRANGER = "+31611113333"


def _at_the_name_step(phone, work):
    stranger = phone(STRANGER)
    stranger.text("Goedemorgen, 4 krentenbollen graag")
    work()
    return stranger


@pytest.mark.parametrize("answer", ["⅓ kilo kaas", "2 krentenbollen", "twee broden", "een pond gehakt",
                                    "12345", "½ liter melk", "krentenbollen"])
def test_a_quantity_a_product_or_a_number_is_asked_again_as_the_name(phone, work, settings, demo, answer):
    stranger = _at_the_name_step(phone, work)
    stranger.text(answer)
    work()
    assert "geen naam" in last(settings, STRANGER) and "Wat is uw naam?" in last(settings, STRANGER)


@pytest.mark.parametrize("answer, name", [("Jan ten Brink", "Jan ten Brink"), ("anna bos", "Anna Bos"),
                                          ("Piet de Wit", "Piet de Wit"), ("ik heet Kees Blok", "Kees Blok"),
                                          ("J. L. de Vries", "J. L. de Vries")])
def test_names_that_share_a_word_with_the_shop_are_still_names(phone, work, settings, demo, answer, name):
    stranger = _at_the_name_step(phone, work)
    stranger.text(answer)
    work()
    assert name in last(settings, STRANGER) and "adres" in last(settings, STRANGER)


@pytest.mark.parametrize("answer, missing", [("Kerkstraat, 8064 BD", "huisnummer"), ("Kerkstraat 4", "postcode"),
                                             ("Kerkstraat 4, 8064 SS", "postcode"),
                                             ("Kerkstraat 123456, 8064 BD", "huisnummer")])
def test_an_address_without_postcode_or_house_number_is_not_stored(
        phone, work, settings, demo, db, answer, missing):
    stranger = _at_the_name_step(phone, work)
    stranger.text("Jan de Vries")
    stranger.text(answer)
    work()
    assert missing in last(settings, STRANGER) and "Klopt dit?" not in last(settings, STRANGER)
    assert db.scalar(select(Resident).where(Resident.phone == STRANGER)) is None


def test_a_long_letter_at_the_address_step_is_answered_at_once(phone, work, settings, demo):
    stranger = _at_the_name_step(phone, work)
    stranger.text("Jan de Vries")
    work()
    letter = "Beste mensen van de dorpslijn ik woon hier al heel lang en ik wil graag boodschappen " * 20
    started = time.monotonic()
    stranger.text(letter)
    work()
    assert time.monotonic() - started < 3
    assert "Wat is uw adres?" in last(settings, STRANGER)
    stranger.text("Kerkstraat 4a, 8064bd")
    work()
    assert "Kerkstraat 4a, 8064 BD" in last(settings, STRANGER)
    assert messages(settings, COORDINATOR)
