"""A message longer than anyone means at its step is kept for the coordinator, and its sender
hears so: nothing of it is read as a name, an address, shopping or a shop's answer."""
import pytest
from sqlalchemy import select

from messaging.models import InboundMessage
from orders.models import Order, Task
from tests.support.people import BAKER, COORDINATOR, TRUUS
from tests.support.talk import last, messages

STRANGER = "+31611114444"
VOLUNTEER = "+31612345611"
LETTER = "Beste mensen, ik wil graag 2 krentenbollen en verder wil ik u vertellen dat het goed gaat. " * 12


def _task(db):
    return db.scalar(select(Task).where(Task.kind == "too_long"))


def test_a_long_order_is_given_to_the_coordinator_whole(phone, work, settings, demo, db):
    phone(TRUUS).text(LETTER)
    work()
    assert "te lang" in last(settings, TRUUS) and "coördinator heeft het" in last(settings, TRUUS)
    assert "Klopt dit?" not in last(settings, TRUUS)
    assert db.scalar(select(Order)) is None
    assert _task(db).text == LETTER
    assert db.scalar(select(InboundMessage).where(InboundMessage.sender == TRUUS)).body == LETTER
    assert "stuurde een bericht van" in last(settings, COORDINATOR)


def test_an_order_of_ordinary_length_is_still_read_back(phone, work, settings, demo):
    phone(TRUUS).text("2 krentenbollen, een pond gehakt, 1 liter melk, 6 eieren en een wit brood")
    work()
    assert "Klopt dit?" in last(settings, TRUUS) or "Welke" in last(settings, TRUUS)


@pytest.mark.parametrize("step_words, too_long, asked", [
    ([], "Jan " * 30, "Wat is uw naam?"),
    (["Jan de Vries"], "Kerkstraat " * 15 + "4, 8064 BD", "Wat is uw adres?"),
])
def test_a_long_name_or_address_is_asked_again(phone, work, settings, demo, db, step_words, too_long, asked):
    stranger = phone(STRANGER)
    stranger.text("Goedemorgen, 4 krentenbollen graag")
    for words in step_words:
        stranger.text(words)
    stranger.text(too_long)
    work()
    assert "te lang" in last(settings, STRANGER) and asked in last(settings, STRANGER)
    assert _task(db).text == too_long


@pytest.mark.parametrize("sender", [BAKER, VOLUNTEER])
def test_a_long_message_from_a_shop_or_a_volunteer_goes_to_the_coordinator(phone, work, settings, demo, db, sender):
    phone(sender).text("OK 101 " + "en verder alles goed hoor " * 30)
    work()
    assert "te lang" in last(settings, sender)
    assert _task(db) is not None and "stuurde een bericht van" in last(settings, COORDINATOR)


def test_a_long_message_that_asks_for_help_is_still_answered_as_distress(phone, work, settings, demo, db):
    phone(TRUUS).text(LETTER + " Ik ben gevallen.")
    work()
    assert "112" in last(settings, TRUUS)
