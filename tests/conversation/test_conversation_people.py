"""Who is writing: new numbers, contact persons, English speakers, people in distress, STOP."""
import pytest
from sqlalchemy import select

from orders.models import Order, Resident, Task
from tests.support.people import COORDINATOR, INEKE, SUSAN, TRUUS
from tests.support.talk import last, messages

STRANGER = "+31611112222"


def test_a_new_number_registers_in_three_answers_and_its_first_order_is_marked(
        phone, work, settings, demo, clock, db):
    stranger = phone(STRANGER)
    stranger.text("Goedemorgen, 4 krentenbollen graag")
    work()
    assert "Wat is uw naam?" in last(settings, STRANGER)
    [first_alert] = messages(settings, COORDINATOR)
    stranger.text("ik ben jan de vries")
    work()
    assert "Jan de Vries" in last(settings, STRANGER) and "postcode" in last(settings, STRANGER)
    stranger.text("Dorpsstraat 12a")
    work()
    assert "postcode" in last(settings, STRANGER), "the part that is missing is asked for"
    stranger.text("8064 ab")
    work()
    check = messages(settings, STRANGER)[-1]
    assert "Dorpsstraat 12a, 8064 AB" in check["body"] and check["extra"]["choices"] == ["JA", "NEE"]
    stranger.text("ja")
    work()
    resident = db.scalar(select(Resident).where(Resident.phone == STRANGER))
    assert resident.name == "Jan de Vries" and resident.checked is False and resident.postcode == "8064 AB"
    welcome, read_back = messages(settings, STRANGER)[-2:]
    assert "aangemeld" in welcome["body"] and "4x Krentenbol" in read_back["body"]
    assert "Jan de Vries" in last(settings, COORDINATOR)
    assert db.scalar(select(Task).where(Task.kind == "new_resident")).resident_id == resident.id
    stranger.text("ja")
    work()
    db.expire_all()
    order = db.scalar(select(Order).where(Order.resident_id == resident.id))
    assert order.status == "confirmed" and order.needs_check is True
    assert "coördinator" in last(settings, STRANGER)


def test_at_the_check_an_unclear_answer_asks_again_and_nee_starts_over(phone, work, settings, demo, clock, db):
    stranger = phone(STRANGER)
    for answer in ("4 krentenbollen", "Jan de Vries", "Dorpsstraat 12a, 8064 AB", "weet ik niet"):
        stranger.text(answer)
    work()
    assert "Dorpsstraat 12a, 8064 AB" in last(settings, STRANGER) and "Klopt dit?" in last(settings, STRANGER)
    assert db.scalar(select(Resident).where(Resident.phone == STRANGER)) is None
    stranger.text("nee")
    work()
    assert "Wat is uw naam?" in last(settings, STRANGER)
    assert db.scalar(select(Resident).where(Resident.phone == STRANGER)) is None


def test_a_new_number_writing_english_is_answered_in_english(phone, work, settings, demo, clock, db):
    phone(STRANGER).text("Hello, I would like some bread please")
    work()
    assert "What is your name?" in last(settings, STRANGER)


def test_english_residents_use_english_words(phone, work, settings, demo, clock, db):
    susan = phone(SUSAN)
    susan.text("4 krentenbollen")
    work()
    reply = messages(settings, SUSAN)[-1]
    assert "Send YES" in reply["body"] and reply["extra"]["choices"] == ["YES", "NO"]
    susan.text("YES")
    work()
    assert "has been placed" in last(settings, SUSAN)
    susan.text("SAME")
    work()
    assert "Your order for" in last(settings, SUSAN)
    susan.text("HELP")
    work()
    assert "CALL ME" in last(settings, SUSAN)


def test_a_contact_person_orders_for_a_resident_and_the_resident_is_told(phone, work, settings, demo, clock, db):
    ineke = phone(INEKE)
    ineke.text("Voor mijn moeder: 4 krentenbollen")
    work()
    assert "Bestelling voor Truus Lamberts" in last(settings, INEKE)
    ineke.text("ja")
    work()
    order = db.scalar(select(Order))
    assert order.resident.phone == TRUUS and order.status == "confirmed" and order.placed_by == INEKE
    assert "Truus Lamberts" in last(settings, INEKE) and str(order.number) in last(settings, INEKE)
    assert str(order.number) in last(settings, TRUUS), "the resident knows shopping is coming"


def test_copies_of_confirmations_go_to_the_contact_person_when_wanted(phone, work, settings, demo, clock, db):
    db.scalar(select(Resident).where(Resident.phone == TRUUS)).contact_copies = True
    db.commit()
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja")
    work()
    assert "Kopie: Truus Lamberts" in last(settings, INEKE)


@pytest.mark.parametrize("words", ["Ik ben gevallen", "help ik kan niet opstaan", "bel een ambulance", "112!!"])
def test_distress_is_answered_first_with_112_and_the_coordinator_is_alerted(
        phone, work, settings, demo, clock, db, words):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text(words)
    work()
    assert "112" in last(settings, TRUUS)
    assert "DRINGEND" in last(settings, COORDINATOR) and "Kerkstraat 4" in last(settings, COORDINATOR)
    [task] = db.scalars(select(Task).where(Task.kind == "distress")).all()
    assert task.text == words, "the task shows Truus's own words"
    truus.text("ja")
    work()
    assert db.scalar(select(Order)).status == "confirmed", "the basket is still there afterwards"


def test_distress_from_an_unknown_number_is_answered_too(phone, work, settings, demo, clock):
    phone(STRANGER).text("ik ben gevallen")
    work()
    assert "112" in last(settings, STRANGER) and "DRINGEND" in last(settings, COORDINATOR)


def test_an_order_number_with_112_in_it_is_no_distress(phone, work, settings, demo, clock):
    phone(TRUUS).text("annuleer 1120")
    work()
    assert "112" not in " ".join(m["body"] for m in messages(settings, COORDINATOR))


def test_stop_silences_every_channel_until_start(phone, work, settings, demo, clock, db):
    truus = phone(TRUUS)
    truus.text("STOP")
    work()
    assert "START" in last(settings, TRUUS)
    assert db.scalar(select(Resident).where(Resident.phone == TRUUS)).opted_out is True
    before = len(messages(settings))
    truus.text("4 krentenbollen")
    phone(TRUUS, channel="whatsapp").text("hallo")
    work()
    assert len(messages(settings)) == before, "nothing at all is sent"
    truus.text("start")
    work()
    assert "Welkom terug" in last(settings, TRUUS)
    truus.text("4 krentenbollen")
    work()
    assert "Krentenbol" in last(settings, TRUUS)


@pytest.mark.parametrize("words", ["STOPPEN", "Afmelden", "stop graag", "Afmelden, dank u wel."])
def test_stoppen_and_afmelden_stop_messages_as_stop_does(phone, work, settings, demo, clock, db, words):
    truus = phone(TRUUS)
    truus.text(words)
    work()
    assert "START" in last(settings, TRUUS)
    assert db.scalar(select(Resident).where(Resident.phone == TRUUS)).opted_out is True
    truus.text("4 krentenbollen")
    work()
    assert len(messages(settings, TRUUS)) == 1, "nothing more is sent"


def test_a_voice_note_becomes_a_task_and_the_resident_hears_a_person_will_handle_it(
        phone, work, settings, demo, clock, db):
    phone(TRUUS, channel="whatsapp").text("", NumMedia="1", MediaUrl0="https://api.twilio.com/media/ME1",
                                          MediaContentType0="audio/ogg")
    work()
    assert "spraakbericht" in last(settings, TRUUS)
    task = db.scalar(select(Task).where(Task.kind == "media"))
    assert task.url == "https://api.twilio.com/media/ME1" and task.resident.phone == TRUUS
    assert "luisteren" in last(settings, COORDINATOR)


def test_a_photo_of_a_list_is_looked_at(phone, work, settings, demo, clock, db):
    phone(TRUUS, channel="whatsapp").text("mijn lijstje", NumMedia="1", MediaUrl0="https://x.test/ME2",
                                          MediaContentType0="image/jpeg")
    work()
    assert "foto" in last(settings, TRUUS) and "kijken" in last(settings, COORDINATOR)
