"""A message whose answer runs over its time budget is given to the coordinator: the worker goes
on with the next message, and the sender hears that a person will look at it."""
from sqlalchemy import select

from orders.models import Order, Task
from tests.support.people import BAKER, COORDINATOR, TRUUS
from tests.support.talk import last, messages

# Ten microseconds: any answer takes longer, however warm the process (a shop's "OK 123" was
# sometimes answered within 1 ms, and so within its budget).
BUDGET = "0.00001"


def test_a_message_over_its_budget_goes_to_the_coordinator_and_the_next_is_answered(
        phone, work, settings, demo, db, monkeypatch):
    monkeypatch.setenv("DORPSLIJN_MESSAGE_SECONDS", BUDGET)
    phone(TRUUS).text("2 krentenbollen en een pond gehakt")
    work()
    assert "ging iets mis" in last(settings, TRUUS)
    task = db.scalar(select(Task).where(Task.kind == "too_slow"))
    assert task.text == "2 krentenbollen en een pond gehakt"
    assert "niet op tijd" in last(settings, COORDINATOR)
    assert db.scalar(select(Order)) is None, "what the slow answer did is rolled back"

    monkeypatch.setenv("DORPSLIJN_MESSAGE_SECONDS", "5")
    phone(TRUUS).text("2 krentenbollen en een pond gehakt")
    work()
    assert "Klopt dit?" in last(settings, TRUUS)
    assert len(messages(settings, TRUUS)) == 2, "each message answered once"


def test_a_shops_answer_over_its_budget_reaches_the_coordinator_with_the_shops_name(
        phone, work, settings, demo, monkeypatch):
    monkeypatch.setenv("DORPSLIJN_MESSAGE_SECONDS", BUDGET)
    phone(BAKER).text("OK 123")
    work()
    assert "Bakkerij" in last(settings, COORDINATOR) and "onbekend nummer" not in last(settings, COORDINATOR)
