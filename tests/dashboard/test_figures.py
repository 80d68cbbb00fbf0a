"""Cijfers: orders per week, residents served, new and lapsed, euros per shop, channels; each as CSV."""
import csv
import io
from datetime import date, timedelta

import pytest

from dorpslijn.db import session_scope
from tests.support.orders import place
from tests.support.people import TRUUS

SUSAN = "+31612345605"


@pytest.fixture
def history(settings, demo, giethoorn):
    with session_scope(settings.database_url) as session:
        delivered = [place(session, TRUUS, date(2026, 10, 13)),
                     place(session, TRUUS, date(2026, 10, 16), channel="voice"),
                     place(session, SUSAN, date(2026, 10, 16), channel="staff")]
        place(session, SUSAN, date(2026, 11, 10), channel="whatsapp", status="confirmed")
        place(session, SUSAN, date(2026, 11, 13), status="cancelled")
        place(session, "+31612399902", date(2026, 10, 13), sku="KAAS-JONG", quantity=1)
        return {"turnover_cents": sum(order.total_cents for order in delivered)}


def table(client, name):
    response = client.get(f"/dashboard/figures/{name}.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))


def test_orders_and_residents_are_counted_per_week_without_cancelled_ones(signed_in, history):
    assert table(signed_in, "orders") == [{"week": "2026-W42", "orders": "3"}, {"week": "2026-W46", "orders": "1"}]
    assert table(signed_in, "residents") == [{"week": "2026-W42", "residents": "2"},
                                              {"week": "2026-W46", "residents": "1"}]


def test_a_resident_is_new_in_the_week_of_their_first_order_and_lapses_four_weeks_after_the_last(
        signed_in, history):
    rows = {row["week"]: row for row in table(signed_in, "new_lapsed")}
    assert rows["2026-W42"] == {"week": "2026-W42", "new": "2", "lapsed": "0"}
    assert rows["2026-W46"] == {"week": "2026-W46", "new": "0", "lapsed": "1"}, "Truus's last was on 16 October"
    assert sum(int(row["lapsed"]) for row in rows.values()) == 1, "Susan ordered on 10 November: not yet lapsed"


def test_euros_per_shop_are_the_money_turnover_of_delivered_orders(signed_in, history):
    assert table(signed_in, "shops") == [{"week": "2026-W42", "shop_id": "korenschoof", "shop": "Bakkerij De Korenschoof",
                                          "orders": "3", "turnover": f"{history['turnover_cents'] / 100:.2f}"}]


def test_an_order_with_parts_at_several_shops_counts_once_and_its_euros_go_to_each_shop(signed_in, settings, demo):
    three_shops = [("BAK-KRENTENBOL", 4), ("SLA-GEHAKTBAL", 2), ("KAA-MELK-VOL", 1)]
    with session_scope(settings.database_url) as session:
        orders = [place(session, TRUUS, date(2026, 10, 13), items=three_shops),
                  place(session, TRUUS, date(2026, 10, 16), items=three_shops[1:]),
                  place(session, SUSAN, date(2026, 10, 16))]
        parts: dict[str, list[int]] = {}
        for order in orders:
            for shop_order in order.shop_orders:
                parts.setdefault(shop_order.shop.shop_id, []).append(shop_order.total_cents)
    assert table(signed_in, "orders") == [{"week": "2026-W42", "orders": "3"}]
    assert table(signed_in, "residents") == [{"week": "2026-W42", "residents": "2"}]
    assert table(signed_in, "new_lapsed") == [{"week": "2026-W42", "new": "2", "lapsed": "0"},
                                              {"week": "2026-W46", "new": "0", "lapsed": "2"}]
    assert {row["channel"]: row["orders"] for row in table(signed_in, "channels")}["sms"] == "3"
    shops = {row["shop_id"]: (row["orders"], row["turnover"]) for row in table(signed_in, "shops")}
    assert shops == {shop: (str(len(cents)), f"{sum(cents) / 100:.2f}") for shop, cents in parts.items()}
    assert shops["korenschoof"][0] == "2" and shops["vandam"][0] == "2" and len(shops) == 3


def test_each_channel_has_its_share_with_orders_taken_by_staff_apart(signed_in, history):
    rows = {row["channel"]: row for row in table(signed_in, "channels")}
    assert set(rows) == {"sms", "whatsapp", "telegram", "voice", "staff"}
    assert (rows["sms"]["orders"], rows["voice"]["orders"], rows["staff"]["orders"],
            rows["whatsapp"]["orders"]) == ("1", "1", "1", "1")
    assert rows["staff"]["share"] == "25"


def test_the_page_draws_a_chart_for_each_figure_and_shows_only_the_own_village(signed_in, history):
    page = signed_in.get("/dashboard/figures/").get_data(as_text=True)
    assert page.count("<svg") == 5 and "<script" not in page
    assert "Via coördinator" in page and "Bakkerij De Korenschoof" in page
    assert "Punter" not in page and "kaasboer" not in page


def test_an_unknown_figure_is_not_found(signed_in):
    assert signed_in.get("/dashboard/figures/secrets.csv").status_code == 404


def test_the_pages_tables_hold_the_newest_thirteen_weeks_and_the_csv_every_week(signed_in, settings, demo):
    with session_scope(settings.database_url) as session:
        for week in range(15):  # 2026-W28 to 2026-W42, a Tuesday each
            place(session, TRUUS, date(2026, 7, 7) + timedelta(weeks=week))
    page = signed_in.get("/dashboard/figures/").get_data(as_text=True)
    orders_table = page.split('id="figure-orders"')[1].split("<table>")[1].split("</table>")[0]
    assert "2026-W30" in orders_table and "2026-W42" in orders_table
    assert "2026-W28" not in orders_table and "2026-W29" not in orders_table
    assert "De tabel toont de laatste 13 weken. In de CSV staan alle weken." in page
    assert [row["week"] for row in table(signed_in, "orders")][:2] == ["2026-W28", "2026-W29"]
