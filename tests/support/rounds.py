"""A delivery day closed from the command line: three residents' orders, the shops' OKs, and who rides which."""
from __future__ import annotations

from cli.main import main
from tests.support.outbox import orders_by_phone, outbox
from tests.support.people import BAKER, BERTUS, BUTCHER, FATIMA, GRIETJE, KEES, TRUUS


def place_orders(phone, work, capsys):
    for who, text in ((TRUUS, "4 krentenbollen en een pond rundergehakt"), (BERTUS, "2 slavinken"),
                      (GRIETJE, "1 bruin brood heel")):
        resident = phone(who)
        resident.text(text)
        resident.text("ja")
    work()
    orders = orders_by_phone(capsys)
    phone(BAKER).text(" ".join(f"OK {orders[who]['number']}" for who in (TRUUS, GRIETJE)))
    phone(BUTCHER).text(f"ok {orders[TRUUS]['number']} en {orders[BERTUS]['number']}")
    work()
    return orders


def close(capsys, day):
    capsys.readouterr()
    main(["rounds", "close", "--date", day])
    return capsys.readouterr().out


def rider_of(settings, number):
    """The volunteer whose round holds the order, and that round's text."""
    for volunteer in (KEES, FATIMA):
        text = "\n".join(m["body"] for m in outbox(settings, to=volunteer))
        if f" {number}:" in text:
            return volunteer, text
    raise AssertionError(f"order {number} is in no round")
