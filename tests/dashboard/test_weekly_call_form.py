"""The coordinator sets a resident's weekly call in the resident form; the scheduler then calls."""
from sqlalchemy import select

from dorpslijn.redis_server import connect
from orders.models import Resident
from tests.support.forms import post
from tests.support.moments import at
from tests.support.people import TRUUS
from tests.support.weekly_calls import voice_calls, weekly_calls
from worker.schedule import tick

TRUUS_FORM = {"name": "Truus Lamberts", "phone": TRUUS, "address": "Kerkstraat 4", "language": "nl",
              "payment": "contant"}


def test_the_resident_form_sets_shows_and_stops_the_weekly_call_and_the_scheduler_calls(
        signed_in, db, settings, work):
    truus = db.scalar(select(Resident).where(Resident.phone == TRUUS))
    path = f"/dashboard/residents/{truus.id}"
    assert '<option selected value="">geen</option>' in signed_in.get(path).get_data(as_text=True)

    assert post(signed_in, path, {**TRUUS_FORM, "call_day": "di", "call_at": "9.30"}).status_code == 302
    assert weekly_calls(db) == [(TRUUS, 1, "09:30", True)]
    page = signed_in.get(path).get_data(as_text=True)
    assert '<option selected value="di">dinsdag</option>' in page and 'value="09:30"' in page

    tick(settings, connect(settings), at(2026, 11, 24, 8, 31))  # Tuesday 9:31 in Zwartsluis
    work()
    [placed] = voice_calls(db)
    assert placed.to == TRUUS and "Wij bellen u voor uw boodschappen van deze week." in placed.body

    assert post(signed_in, path, {**TRUUS_FORM, "call_day": "", "call_at": "09:30"}).status_code == 302
    assert weekly_calls(db) == [(TRUUS, 1, "09:30", False)]


def test_a_time_that_is_no_time_is_pointed_out_and_nothing_is_saved(signed_in, db):
    truus = db.scalar(select(Resident).where(Resident.phone == TRUUS))
    response = post(signed_in, f"/dashboard/residents/{truus.id}",
                    {**TRUUS_FORM, "name": "Truus L.", "call_day": "vr", "call_at": "half elf"})
    assert response.status_code == 400 and "Schrijf de tijd als 10:00." in response.get_data(as_text=True)
    db.expire_all()
    assert weekly_calls(db) == [] and db.get(Resident, truus.id).name == "Truus Lamberts"


def test_a_new_resident_can_have_a_weekly_call_at_once(signed_in, db):
    response = post(signed_in, "/dashboard/residents/new", {
        "name": "Hendrik Mulder", "phone": "06-1234 5699", "language": "nl", "payment": "contant",
        "call_day": "vr", "call_at": "11:00"})
    assert response.status_code == 302
    assert weekly_calls(db) == [("+31612345699", 4, "11:00", True)]
