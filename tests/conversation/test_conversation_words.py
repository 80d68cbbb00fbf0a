"""Every template renders in both languages; SMS read-backs of five items fit two GSM-7 segments."""
from datetime import date, datetime, timezone
from decimal import Decimal
from types import SimpleNamespace as Thing

import pytest

from bots import sms_text
from conftest import TRUUS
from dorpslijn.words import say, template_names
from orders.calendar import DeliveryDay

NOW = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
LINE = Thing(quantity=Decimal("4"), unit="stuk", name="Krentenbol", total_cents=340)
SHOP_ORDER = Thing(id=1, shop=Thing(name="Bakkerij De Korenschoof"), lines=[LINE])
ORDER = Thing(id=7, number=104, delivery_date=date(2026, 11, 24), total_cents=340, shop_orders=[SHOP_ORDER],
              lines=[LINE])
RESIDENT = Thing(name="Truus Lamberts", address="Kerkstraat 4", postcode="8064 BD", phone=TRUUS)
PRODUCT = Thing(name="Wit brood heel", price_cents=345, unit="stuk")
DAY = DeliveryDay(date(2026, 11, 27), datetime(2026, 11, 26, 17, tzinfo=timezone.utc))
VALUES = dict(
    order=ORDER, shop_order=SHOP_ORDER, resident=RESIDENT, payment="contant", for_name="", standing=True,
    weekly=True, missed=DAY, truncated=True, short_names={1: "De Korenschoof"}, not_found=["postzegels"],
    dropped=["Appeltaart heel"], not_in_order=["melk"], brief=0, orders=[ORDER], windows={7: (NOW, NOW)},
    waiting=ORDER, options=[PRODUCT], product=PRODUCT, text="een brood", who="Jan de Vries", street="Kerkstraat 4",
    postcode="8064 BD", missing=["postcode"], ordering=True, village="Dorpsplein Zwartsluis", phone=TRUUS,
    channel="sms", carer=False, kind="audio", cutoff=DAY.cutoff, day=DAY, weekday=1, hour=10,
    greeting="Goedemorgen.", unchecked=True, minute=30,
)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_template_renders_in_both_languages(language):
    assert template_names("nl") == template_names("en"), "every Dutch message has an English one"
    for name in template_names(language):
        try:
            body = say(name, language, **VALUES)
        except Exception as exc:  # a template of another part of the project, with values of its own
            if name in OURS:
                raise AssertionError(f"{language}/{name}: {exc}") from exc
            continue
        assert body.strip(), name
        assert "{{" not in body and "{%" not in body, name


OURS = {
    "greeting", "unknown_number", "register_name_again", "register_address", "register_address_again",
    "register_check", "registered", "coordinator_unknown_number", "coordinator_new_resident",
    "coordinator_distress", "coordinator_call_back", "coordinator_media", "coordinator_unanswered",
    "empty_message", "not_understood", "ask_shopping", "ask_choice", "ask_choice_again", "ask_quantity",
    "ask_quantity_again", "nothing_ordered", "read_back", "read_back_again", "confirmed", "basket_dropped",
    "standing_skipped", "start_again", "basket_empty", "ordered_for_you", "contact_confirmed",
    "contact_cancelled", "contact_distress", "contact_unanswered", "shop_order_cancelled", "help", "status",
    "call_me", "cancelled", "cancel_too_late", "nothing_to_cancel", "no_last_order", "nothing_sold_anymore",
    "weekly_set", "weekly_nothing", "weekly_stopped", "reminder_set", "reminder_stopped", "weekly_reminder",
    "reminder_read_back", "distress", "stopped", "started", "media_received", "sorry", "weekly_call_set",
    "weekly_call_stopped",
}


def test_the_list_of_our_templates_is_complete():
    assert OURS <= set(template_names("nl"))


FIVE_ITEM_ORDERS = [
    "4 krentenbollen, 1 halfvolle melk, 2 ons jonge kaas, een pond rundergehakt en 1 bruin brood heel",
    "1 volkoren brood half, 6 boerderij eieren, 1 kilo aardappelen kruimig, 1 komkommer, 2 ons achterham",
    "2 gehaktballen, 1 bloemkool, 1 karnemelk, 1 roggebrood, 1 handcreme",
    "1 appeltaart punt, 1 liter volle melk, 1 rookworst, 1 tandpasta, 1 bos tulpen",
    "1 meergranen brood heel, 1 pot bloemenhoning, 2 ons belegen kaas, 1 huzarensalade, 1 wc-papier 8 rollen",
]


@pytest.mark.parametrize("text", FIVE_ITEM_ORDERS)
def test_an_sms_read_back_of_five_items_fits_two_gsm7_segments(phone, work, settings, demo, text, monkeypatch):
    from talk import Clock, last
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
