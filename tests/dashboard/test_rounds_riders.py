"""The Rondes page lists the riders of a day as the rounds will plan them: a volunteer's word counts."""
from sqlalchemy import select

from orders.availability import next_day_on
from orders.calendar import DAY_CODES
from orders.models import Village

KEES = "+31612345611"


def test_a_volunteer_who_said_niet_beschikbaar_is_not_listed_as_riding_that_day(signed_in, phone, work, settings, db):
    day = next_day_on(db, db.scalar(select(Village)), None, settings.now())
    riders_page = f"/dashboard/rounds/?date={day}"
    assert "Kees Dekker" in signed_in.get(riders_page).get_data(as_text=True), "Kees rides every delivery day"

    phone(KEES).text(f"NIET BESCHIKBAAR {DAY_CODES[day.weekday()].upper()}")
    work()

    page = signed_in.get(riders_page).get_data(as_text=True)
    assert "Kees Dekker" not in page and "Fatima Bouzid" in page
