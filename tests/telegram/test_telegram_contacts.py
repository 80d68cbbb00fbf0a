"""The contact button: sharing one's own number links the chat to a resident, shop or volunteer."""
from sqlalchemy import select

from orders.models import Resident, Shop, Task, Village, Volunteer
from tests.support.outbox import outbox
from tests.support.people import BAKER, COORDINATOR, TRUUS
from tests.support.telegram import STRANGER_CHAT, TRUUS_CHAT, outbox_rows


def chat_of(db, model, phone):
    db.expire_all()
    return db.scalar(select(model.telegram_chat_id).where(model.phone == phone))


def test_sharing_her_number_links_truus_and_she_orders_from_the_chat(chat, work, settings, db, demo):
    truus = chat(TRUUS_CHAT)
    truus.share_contact(TRUUS.removeprefix("+"))
    work()
    assert chat_of(db, Resident, TRUUS) == TRUUS_CHAT
    [linked] = outbox_rows(settings, TRUUS_CHAT)
    assert linked["channel"] == "telegram" and "Truus Lamberts" in linked["body"]
    assert "boodschappen" in linked["body"]

    truus.text("4 krentenbollen")
    work()
    read_back = outbox_rows(settings, TRUUS_CHAT)[-1]
    assert "4x Krentenbol" in read_back["body"] and read_back["channel"] == "telegram"
    assert not read_back["extra"].get("ask_contact"), "a linked chat is not asked who it is"


def test_a_customers_new_chat_asks_for_the_button_first_and_troubles_no_coordinator(chat, work, settings, db, demo):
    truus = chat(TRUUS_CHAT)
    truus.text("/start")
    work()
    first, *_ = outbox_rows(settings, TRUUS_CHAT)
    assert first["extra"].get("ask_contact"), "the contact button comes before the registration questions"
    truus.share_contact(TRUUS.removeprefix("+"))
    work()
    assert chat_of(db, Resident, TRUUS) == TRUUS_CHAT
    assert outbox(settings, to=COORDINATOR) == [], "no alert about a chat that has no number to call"
    assert db.scalars(select(Task)).all() == []


def test_an_unknown_number_links_nothing_and_the_coordinator_gets_a_task(chat, work, settings, db, demo):
    chat(STRANGER_CHAT).share_contact("+31 6 9999 0000")
    work()
    db.expire_all()
    assert db.scalar(select(Resident).where(Resident.telegram_chat_id == STRANGER_CHAT)) is None
    [answer] = outbox_rows(settings, STRANGER_CHAT)
    assert "+31699990000" in answer["body"] and "coördinator" in answer["body"]
    [task] = db.scalars(select(Task)).all()
    assert task.kind == "telegram_contact" and task.phone == "+31699990000"


def test_in_an_english_speaking_village_the_task_about_an_unknown_number_is_in_english(
        chat, work, settings, db, demo):
    db.scalar(select(Village)).language = "en"
    db.commit()
    chat(STRANGER_CHAT).share_contact("+31 6 9999 0000")
    work()
    [task] = db.scalars(select(Task)).all()
    assert task.text.endswith("shared the number +31699990000 on Telegram. We do not know this number. "
                             "Call this person and register them.")


def test_someone_elses_contact_links_nothing_and_the_button_is_offered_again(chat, work, settings, db, demo):
    chat(STRANGER_CHAT).share_contact(TRUUS, user_id=424242)
    work()
    assert chat_of(db, Resident, TRUUS) is None
    [answer] = outbox_rows(settings, STRANGER_CHAT)
    assert answer["extra"] == {"ask_contact": True, "language": "nl"}


def test_a_shop_and_a_volunteer_link_their_chats_too(chat, work, settings, db, demo):
    chat("7101").share_contact(BAKER)
    chat("7102").share_contact("0612345611")
    work()
    assert chat_of(db, Shop, BAKER) == "7101"
    assert chat_of(db, Volunteer, "+31612345611") == "7102"
    assert "bestellingen" in outbox_rows(settings, "7101")[0]["body"]


def test_a_new_chats_first_answer_offers_the_contact_button_in_its_language(chat, work, settings, db, demo):
    stranger = chat(STRANGER_CHAT, language="en")
    stranger.text("/start")
    stranger.text("hello?")
    work()
    answers = outbox_rows(settings, STRANGER_CHAT)
    offers = [a for a in answers if a["extra"].get("ask_contact")]
    assert len(offers) == 1 and offers[0]["extra"]["language"] == "en"
    assert "button" in offers[0]["body"]
    assert answers.index(offers[0]) < len(answers) - 1, "only the first message is answered with the button"
