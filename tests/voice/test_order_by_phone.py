"""Whole calls through the voice webhooks: a resident says the shopping, hears it read back
slowly, presses 1, and the shops get their part exactly as for a text order."""

import pytest

from dorpslijn.config import load_settings
from tests.support.caller import Caller
from tests.support.outbox import orders_json, outbox
from tests.support.people import BAKER, BUTCHER, SUSAN, TRUUS
from tests.support.webhooks import signed_post
from web import create_app


@pytest.fixture
def call(client, settings, demo):
    def make(number=TRUUS, **kwargs):
        return Caller(client, settings, number, **kwargs)
    return make


def test_a_resident_says_the_shopping_hears_it_read_back_and_orders_it(call, work, settings, capsys):
    truus = call()
    menu = truus.dial()
    assert "Truus Lamberts" in menu.said[0] and menu.said[0].startswith("Goede")
    gather = menu.gather
    assert gather.get("input") == "dtmf speech" and gather.get("language") == "nl-NL"
    assert menu.path(gather).startswith("/twilio/voice/main?")
    assert gather.get("actionOnEmptyResult") == "true"
    assert any("Druk 1" in s for s in menu.said) and any("druk 9" in s for s in menu.said)
    assert {say.get("voice") for say in menu.root.iter("Say")} == {"Polly.Lotte"}

    asked = truus.press(2)
    assert asked.path(asked.gather).startswith("/twilio/voice/order?")
    assert "krentenbol" in asked.gather.get("hints") and int(asked.gather.get("timeout")) >= 8
    assert asked.gather.get("numDigits") is None, "a spoken order is not cut off after one key"

    read_back = truus.say("ja eh vier krentenbollen en een pond rundergehakt doe maar")
    said = read_back.said
    assert "Krentenbol, vier stuks, drie euro veertig." in said
    assert "Rundergehakt, een pond, zeven euro achtennegentig." in said
    assert "Samen elf euro achtendertig." in said
    assert any(s.startswith("Wij bezorgen ") for s in said)
    assert read_back.gather.find("Pause") is not None, "items are read with pauses between them"
    assert read_back.path(read_back.gather).startswith("/twilio/voice/review?")
    assert orders_json(capsys) == [], "a basket that is only read back is no order yet"

    done = truus.press(1)
    assert any("bestelling is doorgegeven" in s for s in done.said)
    assert done.path(done.gather).startswith("/twilio/voice/weekly_offer?"), "then a weekly call is offered"
    assert truus.press(2).hung_up, "another key than 1 ends the call"
    work()
    [order] = orders_json(capsys)
    assert order["customer_phone"] == TRUUS and order["status"] == "confirmed" and order["total"] == 11.38
    spoken_number = [s for s in done.said if s.startswith("Het nummer is")]
    assert spoken_number, done.said
    [to_baker] = outbox(settings, to=BAKER)
    [to_butcher] = outbox(settings, to=BUTCHER)
    assert str(order["number"]) in to_baker["body"] and "Krentenbol" in to_baker["body"]
    assert "Rundergehakt" in to_butcher["body"] and "Krentenbol" not in to_butcher["body"]


def test_keys_and_speech_do_the_same_and_same_as_last_time_is_read_back(call, work, capsys):
    first = call()
    first.dial()
    first.say("bestellen")
    first.say("twee krentenbollen")
    first.say("ja graag")
    work()
    assert len(orders_json(capsys)) == 1

    again = call()
    again.dial()
    read_back = again.say("hetzelfde als vorige week")
    assert "Dit bestelde u de vorige keer." in read_back.said
    assert "Krentenbol, twee stuks, één euro zeventig." in read_back.said
    again.press(1)
    work()
    assert [o["total"] for o in orders_json(capsys)] == [1.70, 1.70]

    when = call()
    when.dial()
    heard = when.press(3)
    assert sum("Uw bestelling" in s for s in heard.said) == 2
    assert heard.path(heard.gather).startswith("/twilio/voice/main?"), "then the menu again"


def test_an_unclear_item_is_asked_one_at_a_time_with_keys(call, work, capsys):
    truus = call()
    truus.dial()
    truus.press(2)
    question = truus.say("een brood en twee krentenbollen")
    assert question.path(question.gather).startswith("/twilio/voice/choose?")
    choices = [s for s in question.said if s.startswith("Druk ")]
    assert 2 <= len(choices) <= 4 and choices[0].startswith("Druk 1 voor ")
    assert question.said[-1] == "Wilt u dit niet? Druk 0."
    first_choice = choices[0].removeprefix("Druk 1 voor ").rstrip(".")
    read_back = truus.press(1)
    assert any(s.startswith(first_choice + ", één stuk") for s in read_back.said)
    assert "Krentenbol, twee stuks, één euro zeventig." in read_back.said

    added = truus.press(3)
    assert added.path(added.gather).startswith("/twilio/voice/order?")
    read_back = truus.say("nog een krentenbol")
    assert "Krentenbol, drie stuks, twee euro vijfenvijftig." in read_back.said
    assert "Dank u wel. Uw bestelling is doorgegeven." in truus.press(1).said, truus.last.text
    work()
    [order] = orders_json(capsys)
    assert {i["sku"] for so in order["shop_orders"] for i in so["items"]} >= {"BAK-KRENTENBOL"}


def test_the_voices_are_the_ones_the_installation_chose(settings, demo, monkeypatch):
    monkeypatch.setenv("DORPSLIJN_VOICE", "Google.nl-NL-Standard-A")
    monkeypatch.setenv("DORPSLIJN_VOICE_EN", "Polly.Brian")
    chosen = load_settings()
    client = create_app(chosen).test_client()
    for number, voice in ((TRUUS, "Google.nl-NL-Standard-A"), (SUSAN, "Polly.Brian")):
        menu = Caller(client, chosen, number).dial()
        assert {say.get("voice") for say in menu.root.iter("Say")} == {voice}


def test_an_english_resident_hears_english_in_an_english_voice(call):
    susan = call(SUSAN)
    menu = susan.dial()
    assert "Susan Miller" in menu.said[0] and menu.said[0].startswith("Good ")
    assert menu.gather.get("language") == "en-GB"
    assert {say.get("voice") for say in menu.root.iter("Say")} == {"Polly.Amy"}
    susan.press(2)
    read_back = susan.say("four currant buns please")
    assert "Krentenbol, four, three euros forty." in read_back.said, read_back.said
    assert any(s.startswith("We deliver on ") and " the " in s for s in read_back.said)
    assert "Would you like to order this? Press 1." in read_back.said


def test_a_step_delivered_twice_is_handled_once(call, work, settings, capsys):
    truus = call()
    assert truus.dial().text == truus.dial().text
    truus.press(2)
    review = truus.say("vier krentenbollen")
    path = review.path(review.gather)
    first = truus.post(path, Digits="1")
    second = truus.post(path, Digits="1")
    assert first.text == second.text
    work()
    assert len(orders_json(capsys)) == 1
    assert len(outbox(settings, to=BAKER)) == 1


def test_a_request_without_a_good_signature_is_refused(client, settings, demo):
    form = {"CallSid": "CA1", "From": TRUUS, "To": "+31852080300"}
    assert signed_post(client, settings, "/twilio/voice", form, signature="bad").status_code == 403
    assert signed_post(client, settings, "/twilio/voice/main", form, signature="bad").status_code == 403


def test_9_repeats_the_menu_and_2_after_the_read_back_says_the_shopping_again(call, work, capsys):
    truus = call()
    truus.dial()
    again = truus.press(9)
    assert again.path(again.gather).startswith("/twilio/voice/main?")
    assert "Wilt u uw boodschappen zeggen? Druk 2." in again.said and "Om dit nog eens te horen, druk 9." in again.said

    truus.press(2)
    truus.say("vier krentenbollen")
    asked = truus.press(2)
    assert asked.path(asked.gather).startswith("/twilio/voice/order?") and "Zeg nu uw boodschappen." in asked.said
    read_back = truus.say("twee slavinken")
    assert any(s.startswith("Slavink, twee stuks") for s in read_back.said), read_back.said
    assert not any("Krentenbol" in s for s in read_back.said), "said again replaces what was said before"
    truus.press(1)
    work()
    [order] = orders_json(capsys)
    assert [i["sku"] for so in order["shop_orders"] for i in so["items"]] == ["SLA-SLAVINK"]
