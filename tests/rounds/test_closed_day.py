"""A day whose rounds were closed early takes no more changes: cancelling is refused and a new
order goes to the next delivery day, as after the cut-off."""
from datetime import date

from tests.support.outbox import orders_by_phone, outbox
from tests.support.people import TRUUS
from tests.support.rounds import close


def test_a_day_closed_early_takes_no_cancel_and_new_orders_go_to_the_next_day(phone, work, settings, demo,
                                                                               capsys):
    truus = phone(TRUUS)
    truus.text("4 krentenbollen")
    truus.text("ja")
    work()
    [first] = orders_by_phone(capsys).values()
    close(capsys, first["delivery_date"])
    work()

    truus.text("ANNULEER")
    work()
    assert "kan niet meer afgezegd" in outbox(settings, to=TRUUS)[-1]["body"]
    assert orders_by_phone(capsys)[TRUUS]["status"] == "confirmed"

    truus.text("2 slavinken")
    truus.text("ja")
    work()
    latest = orders_by_phone(capsys)[TRUUS]
    assert date.fromisoformat(latest["delivery_date"]) > date.fromisoformat(first["delivery_date"])
