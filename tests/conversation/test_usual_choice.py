"""A resident's own orders answer a kind word ("brood") before it is asked, and the read-back says so."""
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from dorpslijn.db import session_scope
from orders import ordering
from orders.models import Order, Resident
from tests.support.caller import Caller
from tests.support.people import SUSAN, TRUUS
from tests.support.talk import last

MONDAY = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)


def had(settings, phone, *weeks):
    """Confirmed orders of the resident, one a week going back, each of the (sku, quantity) lines given."""
    with session_scope(settings.database_url) as session:
        resident = session.scalar(select(Resident).where(Resident.phone == phone))
        for n, lines in enumerate(weeks, start=1):
            moment = MONDAY - timedelta(weeks=n)
            ordering.confirm(session, ordering.draft(session, resident, lines, moment, "sms"), moment)


def numbered(body):
    return [line for line in body.splitlines() if line[:2] in {f"{n}." for n in range(1, 6)}]


BRUIN = [("BAK-BRUIN-HEEL", 1)]


def test_three_weeks_of_the_same_loaf_make_brood_that_loaf_said_so_without_a_question(phone, work, settings,
                                                                                       demo, clock):
    had(settings, TRUUS, BRUIN, BRUIN + [("BAK-KRENTENBOL", 4)], BRUIN)
    phone(TRUUS).text("een brood en 2 krentenbollen")
    work()
    body = last(settings, TRUUS)
    assert not numbered(body), "no question"
    assert "1x Bruin brood heel € 3,55 (zoals de vorige keren)" in body
    assert "2x Krentenbol € 1,70" in body and "Krentenbol € 1,70 (" not in body, "only the line chosen is marked"
    assert body.endswith("Stuur JA.")


def test_a_resident_without_history_is_asked(phone, work, settings, demo, clock):
    had(settings, TRUUS, BRUIN, BRUIN, BRUIN)
    phone("+31612345602").text("een brood")  # Bertus, who never ordered
    work()
    body = last(settings, "+31612345602")
    assert len(numbered(body)) >= 2 and "vorige keren" not in body


@pytest.mark.parametrize("weeks", [
    [BRUIN],  # only once
    [BRUIN, [("BAK-WIT-HEEL", 1)], [("BAK-VOLKOREN-HEEL", 1)]],  # a different loaf every time
    [[("BAK-WIT-HEEL", 1)], [("BAK-VOLKOREN-HEEL", 1)], BRUIN, BRUIN],  # the same loaf, but not lately
])
def test_no_usual_loaf_among_the_last_three_is_asked(phone, work, settings, demo, clock, weeks):
    had(settings, TRUUS, *weeks)
    phone(TRUUS).text("brood")
    work()
    assert len(numbered(last(settings, TRUUS))) >= 2


def test_a_cancelled_order_does_not_count(phone, work, settings, demo, clock):
    had(settings, TRUUS, BRUIN, BRUIN)
    with session_scope(settings.database_url) as session:
        ordering.cancel(session, session.scalars(select(Order).order_by(Order.id)).first())
    phone(TRUUS).text("brood")
    work()
    assert len(numbered(last(settings, TRUUS))) >= 2


def test_the_amount_said_wins_and_english_is_told_too(phone, work, settings, demo, clock):
    had(settings, SUSAN, BRUIN, BRUIN, BRUIN)
    phone(SUSAN).text("2 loaves of brood please")
    work()
    body = last(settings, SUSAN)
    assert "2x Bruin brood heel € 7,10 (as last times)" in body, body


def test_no_to_the_read_back_lets_the_resident_say_what_they_want(phone, work, settings, demo, clock, db):
    had(settings, TRUUS, BRUIN, BRUIN, BRUIN)
    truus = phone(TRUUS)
    truus.text("brood")
    truus.text("wit brood heel in plaats van bruin brood heel")
    work()
    changed = last(settings, TRUUS)
    assert "Wit brood heel" in changed and "Bruin" not in changed and "vorige keren" not in changed
    truus.text("nee")
    truus.text("brood")
    work()
    assert "(zoals de vorige keren)" in last(settings, TRUUS)
    truus.text("nee")
    truus.text("1 volkoren brood heel")
    work()
    body = last(settings, TRUUS)
    assert "Volkoren brood heel" in body and "vorige keren" not in body and not numbered(body)


def test_on_the_phone_the_usual_loaf_is_said_beside_its_line(client, settings, demo, work):
    had(settings, TRUUS, BRUIN, BRUIN, BRUIN)
    truus = Caller(client, settings, TRUUS)
    truus.dial()
    truus.press(2)
    read_back = truus.say("een brood graag")
    assert "Bruin brood heel, zoals de vorige keren, één stuk, drie euro vijfenvijftig." in read_back.said
    assert read_back.path(read_back.gather).startswith("/twilio/voice/review?"), "no question first"

