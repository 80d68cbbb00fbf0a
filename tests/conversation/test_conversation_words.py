"""Every template renders in both languages; SMS read-backs of five items fit two GSM-7 segments."""
from datetime import date, datetime, timezone
from decimal import Decimal
from types import SimpleNamespace as Thing

import pytest

from dorpslijn.words import say, template_names
from messaging import sms_text
from orders.calendar import DeliveryDay
from tests.support.people import TRUUS

NOW = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
LINE = Thing(sku="BAK-KRENTENBOL", quantity=Decimal("4"), unit="stuk", name="Krentenbol", total_cents=340, sold_out=False)
SHOP = Thing(name="Bakkerij De Korenschoof", phone="+31612345621", address="Havenstraat 2")
SHOP_ORDER = Thing(id=1, shop=SHOP, lines=[LINE])
RESIDENT = Thing(name="Truus Lamberts", address="Kerkstraat 4", postcode="8064 BD", phone=TRUUS,
                 notes="bel 2x aan", contact_name="Ineke", contact_phone="+31612345651")
ORDER = Thing(id=7, number=104, delivery_date=date(2026, 11, 24), total_cents=340, shop_orders=[SHOP_ORDER],
              lines=[LINE], resident=RESIDENT)
SHOP_ORDER.order = ORDER
PRODUCT = Thing(name="Wit brood heel", price_cents=345, unit="stuk")
DAY = DeliveryDay(date(2026, 11, 27), datetime(2026, 11, 26, 17, tzinfo=timezone.utc))
VALUES = dict(
    order=ORDER, shop_order=SHOP_ORDER, resident=RESIDENT, payment="contant", for_name="", standing=True,
    weekly=True, missed=DAY, truncated=True, short_names={1: "De Korenschoof"}, not_found=["postzegels"], not_today=["krentenbollen"],
    dropped=["Appeltaart heel"], not_in_order=["melk"], usual=["BAK-KRENTENBOL"], brief=0, orders=[ORDER], windows={7: (NOW, NOW)},
    waiting=ORDER, options=[PRODUCT], product=PRODUCT, text="een brood", who="Jan de Vries", street="Kerkstraat 4",
    postcode="8064 BD", missing=["postcode"], ordering=True, village="Dorpsplein Zwartsluis", phone=TRUUS,
    channel="sms", carer=False, kind="audio", cutoff=DAY.cutoff, day=DAY.date, weekday=1, hour=10,
    greeting="Goedemorgen.", unchecked=True, minute=30,
    # shops, rounds and volunteers
    shop=SHOP, line=LINE, lines=[LINE], number=104, numbers=[104, 105], price_cents=345, not_matched=["slavink"],
    offer=Thing(line=LINE, product=PRODUCT, price_cents=345), volunteer=Thing(name="Kees Dekker", phone="+31612345611"),
    start=NOW, end=NOW, bags=3, riders=1, room=1, available=True, collected_cents=1100,
    pickups=[Thing(at=NOW, volunteer="Kees Dekker", shop_orders=[SHOP_ORDER]),
             Thing(at=None, volunteer=None, shop_orders=[SHOP_ORDER])],
    stops=[Thing(number=1, at=NOW, pickup=Thing(shop=SHOP), shop_orders=[SHOP_ORDER]),
           Thing(number=2, at=NOW, pickup=None, door=Thing(order=ORDER), collect="cash", amount_cents=340)],
    # Telegram and the voice menu
    person="Truus Lamberts", heard=True, names=["Wit brood heel", "Bruin brood heel"], goodbye=True, same=True,
    part="morning", url="https://api.twilio.com/recordings/RE123",
    # floods and sending caps
    count=12, first_words="Ik rijd nu, ik bel je later terug",
    # registration
    not_a_name=True,
)
# The few templates that give a name of VALUES another shape.
OWN_VALUES = {
    "weekly_reminder": dict(day=DAY),
    "too_long": dict(step="registering_address"),
    "coordinator_too_long": dict(sender="", length=1200),
    "coordinator_too_slow": dict(sender=""),
    "telegram_task_unknown_contact": dict(shared="+31699990000"),
    "contact_not_home": dict(village=Thing(name="Dorpsplein Zwartsluis", coordinator_phone="+31612300400")),
}


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_template_renders_in_both_languages(language):
    assert template_names("nl") == template_names("en"), "every Dutch message has an English one"
    for name in template_names(language):
        try:
            body = say(name, language, **{**VALUES, **OWN_VALUES.get(name, {})})
        except Exception as exc:
            raise AssertionError(f"{language}/{name}: {exc!r}") from exc
        assert body.strip(), name
        assert "{{" not in body and "{%" not in body, name


FIVE_ITEM_ORDERS = [
    "4 krentenbollen, 1 halfvolle melk, 2 ons jonge kaas, een pond rundergehakt en 1 bruin brood heel",
    "1 volkoren brood half, 6 boerderij eieren, 1 kilo aardappelen kruimig, 1 komkommer, 2 ons achterham",
    "2 gehaktballen, 1 bloemkool, 1 karnemelk, 1 roggebrood, 1 handcreme",
    "1 appeltaart punt, 1 liter volle melk, 1 rookworst, 1 tandpasta, 1 bos tulpen",
    "1 meergranen brood heel, 1 pot bloemenhoning, 2 ons belegen kaas, 1 huzarensalade, 1 wc-papier 8 rollen",
]


@pytest.mark.parametrize("text", FIVE_ITEM_ORDERS)
def test_an_sms_read_back_of_five_items_fits_two_gsm7_segments(phone, work, settings, demo, text, monkeypatch):
    from tests.support.clock import Clock
    from tests.support.talk import last
    Clock(monkeypatch, settings)
    phone(TRUUS).text(text)
    work()
    body = last(settings, TRUUS)
    assert body.count("\n") >= 7 and "JA" in body, body
    sent = sms_text.for_sms(body)
    assert sms_text.is_gsm7(sent)
    assert sms_text.segments(sent) <= 2, (sms_text.septets(sent), body)


def test_segments_are_counted_the_way_phones_count_them():
    assert sms_text.segments("a" * 160) == 1
    assert sms_text.segments("a" * 161) == 2
    assert sms_text.segments("€" * 80) == 1 and sms_text.segments("€" * 81) == 2, "€ takes two septets"
    assert sms_text.segments("a" * 306) == 2 and sms_text.segments("a" * 307) == 3
    assert sms_text.segments("a" * 159 + "€") == 2
    assert sms_text.segments("a" * 152 + "€" + "a" * 152) == 3, "an escape pair is never split over two segments"
    assert sms_text.segments("ë" * 70) == 1 and sms_text.segments("ë" * 71) == 2, "UCS-2: 70, then 67"


def test_characters_outside_gsm7_are_transliterated_never_sent_as_ucs2():
    text = "Coördinator: “Crème brûlée” – één 👍 voor € 2,95… café"
    sent = sms_text.for_sms(text)
    assert sms_text.is_gsm7(sent)
    assert sent == 'Coördinator: "Crème brulée" - één  voor € 2,95... café'
