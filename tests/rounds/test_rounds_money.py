"""Money as CSV: per round what should be collected and what volunteers reported; per week and
shop the turnover that stayed in the village."""
import csv
import io
from datetime import date

from cli.main import main
from tests.support.people import BERTUS, GRIETJE, TRUUS
from tests.support.rounds import close, place_orders, rider_of


def money(capsys, *args):
    capsys.readouterr()
    main(["money", *args])
    return list(csv.DictReader(io.StringIO(capsys.readouterr().out)))


def test_what_was_collected_and_what_stayed_in_the_village(phone, work, settings, demo, capsys):
    orders = place_orders(phone, work, capsys)
    day = orders[TRUUS]["delivery_date"]
    close(capsys, day)
    work()
    numbers = {who: orders[who]["number"] for who in (TRUUS, BERTUS, GRIETJE)}
    phone(rider_of(settings, numbers[TRUUS])[0]).text(f"BEZORGD {numbers[TRUUS]} contant 11,00")
    phone(rider_of(settings, numbers[BERTUS])[0]).text(f"bezorgd {numbers[BERTUS]}")
    phone(rider_of(settings, numbers[GRIETJE])[0]).text(f"niet thuis {numbers[GRIETJE]}")
    work()

    rounds = money(capsys, "rounds", "--date", day)
    assert rounds and all(row["date"] == day for row in rounds)
    total = lambda column: round(sum(float(row[column]) for row in rounds), 2)
    assert total("to_collect_cash") == 11.38 and total("to_collect_card") == 3.90
    assert total("collected") == 14.90 and total("difference") == -0.38
    assert sum(int(row["delivered"]) for row in rounds) == 2
    assert sum(int(row["not_home"]) for row in rounds) == 1

    turnover = {row["shop_id"]: row for row in money(capsys, "turnover")}
    year, week, _ = date.fromisoformat(day).isocalendar()
    assert turnover["vandam"]["week"] == f"{year}-W{week:02d}"
    assert (turnover["vandam"]["orders"], turnover["vandam"]["turnover"]) == ("2", "11.88")
    assert (turnover["korenschoof"]["orders"], turnover["korenschoof"]["turnover"]) == ("1", "3.40"), \
        "an order nobody took in is not turnover yet"
