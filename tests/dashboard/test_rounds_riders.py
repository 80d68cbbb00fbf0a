"""The Rondes page lists the riders of a day as the rounds will plan them: a volunteer's word counts."""
from sqlalchemy import select

from dorpslijn.words import day as spoken_day
from orders.availability import next_day_on
from orders.calendar import DAY_CODES
from orders.models import Village
from tests.support.outbox import outbox

KEES = "+31612345611"


def test_a_volunteer_who_said_niet_beschikbaar_is_not_listed_as_riding_that_day(signed_in, phone, work, settings, db):
    day = next_day_on(db, db.scalar(select(Village)), None, settings.now())
    riders_page = f"/dashboard/rounds/?date={day}"
    assert "Kees Dekker" in signed_in.get(riders_page).get_data(as_text=True), "Kees rides every delivery day"

    phone(KEES).text(f"NIET BESCHIKBAAR {DAY_CODES[day.weekday()].upper()}")
    work()

    page = signed_in.get(riders_page).get_data(as_text=True)
    assert "Kees Dekker" not in page and "Fatima Bouzid" in page


def test_beschikbaar_takes_back_niet_beschikbaar_and_says_which_day(signed_in, phone, work, settings, db):
    day = next_day_on(db, db.scalar(select(Village)), None, settings.now())
    code = DAY_CODES[day.weekday()].upper()
    phone(KEES).text(f"NIET BESCHIKBAAR {code}")
    phone(KEES).text(f"beschikbaar {code.lower()}")
    work()

    assert "Kees Dekker" in signed_in.get(f"/dashboard/rounds/?date={day}").get_data(as_text=True)
    said = [m["body"] for m in outbox(settings, to=KEES)]
    assert said == [f"Genoteerd: u rijdt {spoken_day(day)} niet.", f"Genoteerd: u rijdt {spoken_day(day)} wel."]
