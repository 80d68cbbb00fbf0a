"""The one reader of weekday names, as residents, volunteers, the dashboard and the command write them."""
import pytest

from orders.calendar import parse_days, weekday_in
from orders.keywords import reminder_request, weekly_call_request


@pytest.mark.parametrize("text, day", [
    ("maandag", 0), ("Dinsdag", 1), ("WOENSDAG", 2), ("donderdag", 3), ("vrijdag", 4), ("zaterdag", 5),
    ("zondag", 6), ("monday", 0), ("Tuesday", 1), ("sunday", 6),
    ("ma", 0), ("Di", 1), ("wo", 2), ("DO", 3), ("vr", 4), ("za", 5), ("zo", 6), ("tue", 1), ("Fri", 4),
    ("woe", 2), ("Don", 3), ("zat", 5),
])
def test_a_day_is_read_in_dutch_and_english_written_out_or_short(text, day):
    assert weekday_in(text) == day


@pytest.mark.parametrize("text", ["", "morgen", "maandelijks", "doe maar", "zonnig", "vandaag 10 uur"])
def test_a_word_that_only_begins_like_a_day_is_no_day(text):
    assert weekday_in(text) is None


def test_the_first_day_the_text_names_is_the_one_read():
    assert weekday_in("niet beschikbaar vr, wel di") == 4
    assert weekday_in("elke donderdag, niet maandag", short=False) == 3


def test_written_out_only_leaves_the_short_forms_that_are_also_words_alone():
    assert weekday_in("groetjes van ma", short=False) is None and weekday_in("groetjes van ma") == 0
    assert weekday_in("op zo'n dag", short=False) is None


def test_a_list_of_days_is_read_part_by_part_sorted_once_each():
    assert parse_days("di,vr") == [1, 4]
    assert parse_days("Vrijdag, dinsdag, di") == [1, 4]
    assert parse_days("") == [] and parse_days("geen") == []


def test_a_resident_asking_for_a_weekly_call_or_a_reminder_gets_the_day_they_named_first():
    assert weekly_call_request("Bel mij elke donderdag om 10 uur, niet op maandag") == (3, 10, 0)
    assert weekly_call_request("call me every monday at 2.30 pm") == (0, 14, 30)
    assert reminder_request("herinner mij op dinsdag om 10 uur") == (1, 10)
