"""Zoeken: residents, orders and messages of the own village, by name, part of a number or order number."""
from datetime import date

import pytest

from dorpslijn.db import session_scope
from orders.models import Village
from orders.phones import part_pattern
from tests.support.orders import place
from tests.support.people import TRUUS
from tests.support.webhooks import Phone


@pytest.mark.parametrize("written, pattern", [
    ("06-1234", "+3161234%"), ("+31 6 1234", "+3161234%"), ("0031 6 1234", "+3161234%"),
    ("0612345601", "+31612345601%"), ("1234 56", "%123456%"), ("06 1", None), ("Truus", None)])
def test_part_of_a_number_written_any_way_becomes_one_pattern(written, pattern):
    assert part_pattern(written) == pattern


@pytest.fixture
def placed(settings, demo, giethoorn):
    with session_scope(settings.database_url) as session:
        mine = place(session, TRUUS, date(2026, 11, 24), status="confirmed")
        session.get(Village, giethoorn["village_id"]).next_order_number = 501
        theirs = place(session, "+31612399902", date(2026, 11, 24), sku="KAAS-JONG", quantity=1)
        return {"mine": mine.number, "theirs": theirs.number}


def found(client, query):
    return client.get("/dashboard/search/", query_string={"q": query}).get_data(as_text=True)


@pytest.mark.parametrize("query", ["truus", "Lamberts", "06-1234 56", "+31 6 12345601", "0612345601", "45601"])
def test_a_resident_is_found_by_name_or_part_of_the_number_in_any_format(signed_in, demo, query):
    assert "Truus Lamberts" in found(signed_in, query)


def test_an_order_is_found_by_its_number(signed_in, placed):
    page = found(signed_in, str(placed["mine"]))
    assert "Bestellingen" in page and "Truus Lamberts" in page


def test_a_message_is_found_by_its_words_and_by_the_number_of_who_sent_it(signed_in, phone, work):
    phone(TRUUS).text("Graag 4 krentenbollen")
    work()
    assert "Graag 4 krentenbollen" in found(signed_in, "krentenbollen")
    assert "Graag 4 krentenbollen" in found(signed_in, "06 1234 5601")


def test_another_villages_residents_orders_and_messages_are_never_found(signed_in, placed, settings, work):
    Phone(signed_in, settings, "+31612399902", to="+31852080999").text("kaas graag")
    work()
    for query in ("Geesje", "Punter", "0612399902", "399902", "kaas graag"):
        page = found(signed_in, query)
        assert "Niets gevonden" in page and "<h2>" not in page and "Binnenpad" not in page, query
    assert "Niets gevonden" in found(signed_in, str(placed["theirs"]))


@pytest.mark.parametrize("path", ["/dashboard/search/?q=truus", "/dashboard/figures/", "/dashboard/figures/orders.csv",
                                  "/dashboard/residents/1/order"])
def test_a_stranger_is_asked_to_sign_in_first(client, coordinator, path):
    response = client.get(path)
    assert response.status_code == 302 and "/dashboard/login" in response.headers["Location"]
