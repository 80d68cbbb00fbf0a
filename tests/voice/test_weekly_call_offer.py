"""After an order by phone, a resident without a weekly call is offered one, once, at the
weekday and hour of this call: 1 sets it, anything else (or nothing) ends the call kindly."""
import pytest

from dorpslijn.redis_server import connect
from tests.support.caller import Caller
from tests.support.moments import at
from tests.support.people import SUSAN, TRUUS, VILLAGE_PHONE
from tests.support.weekly_calls import voice_calls, weekly_calls
from worker.schedule import tick

OFFER = "Wilt u dat wij u voortaan elke maandag rond tien uur bellen voor uw boodschappen? Druk 1."


@pytest.fixture(autouse=True)
def monday(monkeypatch):
    """The web app's clock reads Monday 23 November 2026, 10:20 in Zwartsluis (set before the app)."""
    monkeypatch.setenv("DORPSLIJN_CLOCK", "2026-11-23T10:20:00+01:00")


@pytest.fixture
def ordered(client, settings, demo):
    """A resident who phoned, said four currant buns and pressed 1: the answer to that 1."""
    def order(number=TRUUS):
        caller = Caller(client, settings, number)
        caller.dial()
        caller.press(2)
        caller.say("vier krentenbollen")
        return caller, caller.press(1)
    return order


def scheduler(settings, work):
    """The scheduler's tick at a UTC moment, and the jobs it queued run."""
    def run(*moment):
        tick(settings, connect(settings), at(*moment))
        work()
    return run


def test_1_after_an_order_sets_the_weekly_call_which_counts_for_today_and_rings_next_week(
        ordered, client, settings, db, work):
    truus, done = ordered()
    assert "Dank u wel. Uw bestelling is doorgegeven." in done.said
    assert not any("Tot ziens" in s for s in done.said), "no goodbye before the question"
    assert OFFER in done.said and "Anders kunt u ophangen." in done.said
    offer = done.gather
    assert done.path(offer).startswith("/twilio/voice/weekly_offer?")
    assert offer.get("numDigits") == "1" and offer.get("actionOnEmptyResult") == "true"

    yes = truus.press(1)
    assert yes.hung_up and "Goed. Wij bellen u voortaan elke maandag rond tien uur." in yes.said
    assert any("NIET MEER BELLEN" in s for s in yes.said), "how to stop it"
    assert weekly_calls(db) == [(TRUUS, 0, "10:00", True)]

    ring = scheduler(settings, work)
    ring(2026, 11, 23, 9, 21)
    ring(2026, 11, 23, 9, 55)
    assert voice_calls(db) == [], "this call was this week's: no ringing right after it"
    ring(2026, 11, 30, 9, 1)
    [placed] = voice_calls(db)
    assert placed.to == TRUUS and placed.body.startswith("Goedemorgen Truus Lamberts.")

    again = Caller(client, settings, VILLAGE_PHONE, to=TRUUS)
    again.post(placed.extra["answer"], Direction="outbound-api")
    again.press(2)
    again.say("twee krentenbollen")
    done = again.press(1)
    assert done.hung_up and done.gather is None, "a resident with a weekly call is not asked again"
    assert any(s.endswith("Tot ziens.") for s in done.said)


@pytest.mark.parametrize("answer", ["press 2", "silence", "nee"])
def test_any_other_answer_ends_the_call_kindly_sets_nothing_and_is_not_asked_again(answer, ordered, db):
    truus, _ = ordered()
    bye = {"press 2": lambda: truus.press(2), "silence": truus.stay_silent, "nee": lambda: truus.say("nee")}[answer]()
    assert bye.hung_up and bye.said == ["Goed. Uw bestelling is doorgegeven. Tot ziens."]
    assert weekly_calls(db) == [(TRUUS, 0, "10:00", False)], "no weekly call, and no is remembered"

    _, next_order = ordered()
    assert next_order.hung_up and next_order.gather is None, "the offer is not made again"


def test_an_english_resident_is_offered_it_in_english_and_yes_sets_it(ordered, db):
    susan, done = ordered(SUSAN)
    assert ("Would you like us to call you every Monday at about ten o'clock in the morning for your shopping? "
            "Press 1.") in done.said
    assert done.gather.get("hints") == "yes, please"
    yes = susan.say("yes please")
    assert yes.hung_up and "All right. From now on we will call you every Monday at about ten o'clock in the " \
        "morning." in yes.said
    assert weekly_calls(db) == [(SUSAN, 0, "10:00", True)]


def test_a_resident_who_sent_stop_is_not_offered_calls(ordered, phone, work, db):
    phone(TRUUS).text("STOP")
    work()
    _, done = ordered()
    assert done.hung_up and done.gather is None


@pytest.fixture
def evening(monkeypatch):
    """The clock reads 22:10 instead (set before the app, as `monday` is)."""
    monkeypatch.setenv("DORPSLIJN_CLOCK", "2026-11-23T22:10:00+01:00")


def test_a_call_late_in_the_evening_offers_no_weekly_call_at_that_hour(evening, ordered, db):
    _, done = ordered()
    assert "Dank u wel. Uw bestelling is doorgegeven." in done.said
    assert done.hung_up and done.gather is None and weekly_calls(db) == []

