"""The voice menu: each step of a call answers one request from Twilio with what to say next.

A step gets a `Call` (who is calling, where the call stands, what they pressed or said) and
returns a `Reply`. Keys dispatch through dicts (`MAIN`, `REVIEW`, `HELP`); a spoken answer is
first turned into the key it stands for, so keys and speech always do the same thing.
`STEPS` names the steps that Twilio posts to under /twilio/voice/; `menu.mmd` draws the flow.

When an answer is missing or unclear the caller is asked once more, then offered keys and a
recorded message, then told that a volunteer will call back: a call never ends without the
caller hearing what happens next.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, time
from decimal import Decimal
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from orders import keywords
from dorpslijn.messages import Outgoing
from dorpslijn.words import say
from orders import tasks
from ivr.models import VoiceCall
from ivr.twiml import Reply, Voice
from orders.weekly_calls import WeeklyCall, ask_for_weekly_call, decline_weekly_call, ever_had_weekly_call, slot_for
from orders import learning, ordering, shop_orders, usual
from orders.calendar import TIMEZONE
from orders.models import Order, Resident, ShopOrder, Village
from orders.understanding import understand

logger = logging.getLogger(__name__)

LOW_CONFIDENCE = 0.3     # Twilio's speech Confidence below which we ask again
MAX_CHOICES = 4         # with "none of these" at most five choices, as VOICE.md asks
MAX_SPEECH = 2000
DEFAULT_WEIGHT = Decimal("0.5")  # a pound, when a weighed product was chosen without an amount


@dataclass
class Call:
    """One request of a call: the caller, the call's record, and what they pressed or said."""

    session: object
    settings: object
    village: Village
    resident: Resident | None
    record: VoiceCall
    now: datetime
    url: Callable[[str], str]
    form: dict = field(default_factory=dict)
    outgoing: list[Outgoing] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.resident.language if self.resident else self.village.language

    @property
    def digits(self) -> str:
        return self.form.get("Digits", "").strip()

    @property
    def speech(self) -> str:
        return self.form.get("SpeechResult", "").strip()[:MAX_SPEECH]

    @property
    def unsure(self) -> bool:
        """Whether what was said came through too unclearly to act on."""
        try:
            return bool(self.speech) and float(self.form.get("Confidence", 1)) < LOW_CONFIDENCE
        except ValueError:
            return False

    def words(self, template: str, **values) -> str:
        """The caller's words for one of the `voice_*` templates."""
        return say(f"voice_{template}", self.language, **values)

    def reply(self) -> Reply:
        voice = self.settings.voice if self.language == "nl" else self.settings.voice_en
        return Reply(Voice(voice, self.language))

    def remember(self, **values) -> None:
        """Keep values for the call's next steps (a step that changes nothing writes nothing)."""
        data = {**(self.record.data or {}), **values}
        if data != self.record.data:
            self.record.data = data

    def tell_coordinator(self, kind: str, template: str, **values) -> None:
        """A task for the coordinator about this caller, and a text message to them."""
        self.outgoing += tasks.ask_coordinator(self.session, self.village, kind, self.record.phone, self.resident,
                                         template, call_sid=self.record.call_sid, **values)


# Spoken answers, folded (lower case, no accents), and the key each stands for.
MAIN_WORDS = {
    "1": ("hetzelfde", "zelfde", "vorige keer", "vorige week", "same"),
    "2": ("bestellen", "boodschappen", "zeggen", "order", "shopping"),
    "3": ("wanneer", "bezorgd", "komt", "status", "when"),
    "0": ("terugbellen", "bel mij", "bel me", "vrijwilliger", "call me", "call back", "volunteer"),
    "9": ("menu", "herhaal", "nog eens", "repeat", "again"),
}
REVIEW_WORDS = {
    "1": ("ja", "bestellen", "bestel", "klopt", "goed", "akkoord", "yes", "order", "correct"),
    "2": ("opnieuw", "nee", "overnieuw", "no", "say it again"),
    "3": ("toevoegen", "erbij", "nog iets", "meer", "add", "more"),
    "9": ("herhaal", "nog eens", "nog een keer", "repeat", "again"),
}
HELP_WORDS = {"1": MAIN_WORDS["1"], "0": MAIN_WORDS["0"], "9": ("menu",)}
MENU_HINTS = ", ".join(form for forms in MAIN_WORDS.values() for form in forms)
CHOOSE_WORDS = {"1": ("ja", "yes", "klopt"), "0": ("nee", "no", "niet", "geen", "none")}


def choice(call: Call, words: dict[str, tuple]) -> str:
    """The key pressed, or the key that the spoken answer stands for ("" when neither)."""
    if call.digits:
        return call.digits[:1]
    spoken = f" {keywords.words_of(call.speech)} "
    for key, forms in words.items():
        if any(f" {form} " in spoken for form in forms):
            return key
    return ""


def dispatch(call: Call, table: dict, words: dict[str, tuple], ask_again: Callable[[str], Reply]) -> Reply:
    """Go to the step a key (or its spoken word) chooses; ask again when there is none."""
    step = table.get(choice(call, words))
    if step is None or call.unsure:
        return not_understood(call, ask_again)
    understood(call)
    return step(call)


def understood(call: Call) -> None:
    """An answer came through: the next miss is a first one again."""
    if call.record.failures:
        call.record.failures = 0


def not_understood(call: Call, ask_again: Callable[[str], Reply], not_found=()) -> Reply:
    """Ask again; the second time offer keys and a recorded message; then promise a call-back."""
    call.record.failures += 1
    logger.info("call %s: not understood (%s times)", call.record.call_sid, call.record.failures)
    if call.record.failures == 1:
        return ask_again(call.words("again", heard=bool(call.digits or call.speech), not_found=list(not_found)))
    if call.record.failures == 2:
        return help_menu(call)
    return call_back(call)


# --- the first words of a call ------------------------------------------------------------

def answer(call: Call) -> Reply:
    """A call comes in: an unknown number is promised a call-back, a resident hears the menu."""
    if call.resident is None:
        return unknown_caller(call)
    return main_menu(call, call.words("welcome", part=part_of_day(call.now), who=call.resident.name,
                                      village=call.village.name))


def weekly(call: Call) -> Reply:
    """The weekly call we made was answered: the greeting, then the same menu."""
    return main_menu(call, opening(call))


def opening(call: Call) -> str:
    """What a weekly call says first."""
    return call.words("weekly", part=part_of_day(call.now), who=call.resident.name, village=call.village.name)


def part_of_day(now: datetime) -> str:
    """Morning, afternoon or evening where the village is, for the greeting."""
    hour = now.astimezone(TIMEZONE).hour
    return "morning" if 5 <= hour < 12 else "afternoon" if 12 <= hour < 18 else "evening"


def unknown_caller(call: Call) -> Reply:
    """A number we do not know: a volunteer will call back, and the coordinator gets the number."""
    call.tell_coordinator("call_back", "voice_coordinator_unknown_caller")
    call.record.outcome = "unknown"
    return call.reply().hang_up(call.words("unknown_caller", village=call.village.name))


# --- the main menu ------------------------------------------------------------------------

def main_menu(call: Call, intro: str = "") -> Reply:
    """The menu, the same for everyone: 1 same, 2 say it, 3 when, 0 call back, 9 again."""
    return call.reply().say(intro).ask(call.url("main"), call.words("menu"), hints=MENU_HINTS)


def main(call: Call) -> Reply:
    """The caller chose from the main menu."""
    return dispatch(call, MAIN, MAIN_WORDS, lambda intro: main_menu(call, intro))


def menu_again(call: Call) -> Reply:
    return main_menu(call)


def same(call: Call) -> Reply:
    """1: the last order that was not cancelled, at today's prices, read back to be confirmed."""
    last = ordering.last_order(call.session, call.resident)
    if last is None:
        return say_order(call, call.words("no_last_order"))
    lines, dropped = ordering.repeat_lines(call.session, last, call.now)
    if not lines:
        return say_order(call, call.words("nothing_left"))
    return draft_and_read_back(call, lines, same=True, not_found=dropped)


def when(call: Call) -> Reply:
    """3: when the resident's open orders come, then the menu again."""
    orders = ordering.open_orders(call.session, call.resident, call.now.astimezone(TIMEZONE).date())
    return main_menu(call, call.words("when", orders=orders) + "\n" + call.words("anything_else"))


def call_back(call: Call) -> Reply:
    """0: a volunteer will call back; the coordinator gets the task."""
    call.tell_coordinator("call_back", "voice_coordinator_call_back")
    call.record.outcome = call.record.outcome or "call_back"
    return call.reply().hang_up(call.words("call_back"))


MAIN = {"1": same, "2": lambda call: say_order(call), "3": when, "0": call_back, "9": menu_again}


# --- saying the shopping ------------------------------------------------------------------

def say_order(call: Call, intro: str = "") -> Reply:
    """Ask for the shopping in the caller's own words."""
    if (call.record.data or {}).get("adding"):
        call.remember(adding=False)
    return call.reply().say(intro).ask(call.url("order"), call.words("say_order"),
                                       hints=catalogue_hints(call), long_answer=True)


def add_more(call: Call, intro: str = "") -> Reply:
    """3 after a read-back: ask what to add to the basket."""
    call.remember(adding=True)
    return call.reply().say(intro).ask(call.url("order"), call.words("add"),
                                       hints=catalogue_hints(call), long_answer=True)


def order(call: Call) -> Reply:
    """What the caller said goes through order understanding; their own orders answer what they usually take."""
    adding = (call.record.data or {}).get("adding", False)
    ask_again = (lambda intro: add_more(call, intro)) if adding else (lambda intro: say_order(call, intro))
    if call.digits:
        return dispatch(call, {"0": call_back, "9": menu_again}, {}, ask_again)
    if not call.speech or call.unsure:
        return not_understood(call, ask_again)
    catalogue = ordering.catalogue_for(call.session, call.village, call.now)
    result = understand(call.speech, catalogue)
    chosen = usual.first_choices(call.session, call.resident, result)
    questions = [{"text": u.text, "candidates": u.candidates[:MAX_CHOICES], "reason": u.reason,
                  "quantity": None if u.quantity is None else str(u.quantity)}
                 for u in chosen.unclear if u.candidates]
    not_found = result.not_found + [u.text for u in chosen.unclear if not u.candidates]
    for word in result.not_found:
        learning.note_unclear(call.session, call.village, call.resident, call.record.phone, word)
    if not chosen.items and not questions:
        return not_understood(call, ask_again, not_found)
    understood(call)
    earlier, usual_before = (basket_lines(call), call.record.data.get("usual", [])) if adding else ([], [])
    call.remember(lines=earlier + [[i.sku, str(i.quantity)] for i in chosen.items],
                  questions=questions, not_found=not_found, usual=usual_before + chosen.usual)
    return next_question(call)


def basket_lines(call: Call) -> list[list[str]]:
    """The lines of the basket this call made, as [sku, quantity] pairs."""
    basket = current_basket(call)
    return [[line.sku, str(line.quantity)] for line in basket.lines] if basket else []


BASKET = (selectinload(Order.shop_orders).selectinload(ShopOrder.lines),
          selectinload(Order.shop_orders).joinedload(ShopOrder.shop))


def current_basket(call: Call) -> Order | None:
    """The basket this call read back, while it is still a basket, with its lines and shops."""
    basket = call.session.get(Order, call.record.order_id, options=BASKET) if call.record.order_id else None
    if basket is None or basket.status != "draft" or basket.resident_id != call.record.resident_id:
        return None
    return basket


def next_question(call: Call) -> Reply:
    """Ask about the next unclear item, or read the basket back when all is clear."""
    data = call.record.data
    if data.get("questions"):
        return ask_which(call)
    if not data.get("lines"):
        return say_order(call, call.words("nothing_left"))
    return draft_and_read_back(call, data["lines"], not_found=data.get("not_found", []), usual=data.get("usual", []))


def ask_which(call: Call, intro: str = "") -> Reply:
    """One unclear item, with a key per product it may be."""
    question = call.record.data["questions"][0]
    names = [product.name for product in candidates(call, question)]
    return call.reply().say(intro).ask(call.url("choose"), call.words("choose", text=question["text"], names=names),
                                       hints=", ".join(names))


def candidates(call: Call, question: dict) -> list:
    catalogue = ordering.catalogue_for(call.session, call.village, call.now)
    return [p for p in (catalogue.get(sku) for sku in question["candidates"]) if p is not None]


def choose(call: Call) -> Reply:
    """The caller chose one product for an unclear item (or none: 0)."""
    question = call.record.data["questions"][0]
    products = candidates(call, question)
    key = choice(call, CHOOSE_WORDS) if len(products) == 1 else (call.digits[:1] or spoken_product(call, products))
    if not (key == "0" or key.isdigit() and 1 <= int(key) <= len(products)) or call.unsure:
        return not_understood(call, lambda intro: ask_which(call, intro))
    understood(call)
    lines = call.record.data["lines"]
    if key != "0":
        product = products[int(key) - 1]
        lines = lines + [[product.sku, str(chosen_quantity(question, product))]]
    elif question["reason"] != "quantity":  # none of these: the coordinator may teach what the word meant
        learning.note_unclear(call.session, call.village, call.resident, call.record.phone, question["text"])
    call.remember(lines=lines, questions=call.record.data["questions"][1:])
    return next_question(call)


def spoken_product(call: Call, products) -> str:
    """The key of the product whose name shares the most words with what was said."""
    said = set(keywords.words_of(call.speech).split())
    scores = [len(said & set(keywords.words_of(p.name).split())) for p in products]
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return ""
    return str(scores.index(best) + 1)


def chosen_quantity(question: dict, product) -> Decimal:
    """The amount that was said when it was only the product that was unclear, else one (a pound)."""
    if question["quantity"] and question["reason"] == "ambiguous":
        return Decimal(question["quantity"])
    return DEFAULT_WEIGHT if product.weighed else Decimal(1)


def draft_and_read_back(call: Call, lines, same: bool = False, not_found=(), usual=()) -> Reply:
    """Make the basket (a draft: nothing is ordered yet) and read it back; `usual` are the skus
    the resident's own orders chose (orders/usual.py), said so beside their line."""
    basket = ordering.draft(call.session, call.resident, merged(lines), call.now, "voice")
    call.record.order_id = basket.id
    call.remember(same=same, not_found=list(not_found), usual=list(usual), lines=[], questions=[])
    return read_back(call)


def merged(lines) -> list[tuple[str, Decimal]]:
    """(sku, quantity) pairs with one line per product, quantities added up, in the order said."""
    totals: dict[str, Decimal] = {}
    for sku, quantity in lines:
        totals[sku] = totals.get(sku, Decimal(0)) + Decimal(str(quantity))
    return list(totals.items())


def read_back(call: Call, intro: str = "") -> Reply:
    """The basket item by item, slowly, with the total and the delivery day; then 1, 2, 3 or 9."""
    basket = current_basket(call)
    if basket is None:
        return say_order(call, call.words("nothing_left"))
    data = call.record.data
    text = call.words("read_back", order=basket, payment=call.resident.payment, same=data.get("same", False),
                      not_found=data.get("not_found", []), usual=data.get("usual", []))
    return call.reply().say(intro).ask(call.url("review"), text + "\n" + call.words("review"),
                                       hints="ja, bestellen, opnieuw, toevoegen")


def review(call: Call) -> Reply:
    """After the read-back: 1 order it, 2 say it again, 3 add something, 9 hear it again."""
    return dispatch(call, REVIEW, REVIEW_WORDS, lambda intro: read_back(call, intro))


def place(call: Call) -> Reply:
    """1: the basket becomes an order, and the shops get their part as for a text order."""
    basket = current_basket(call)
    if basket is None:
        return say_order(call, call.words("nothing_left"))
    ordering.confirm(call.session, basket, call.now)
    call.outgoing += shop_orders.on_confirmation(call.session, basket, call.now)
    call.record.outcome = "ordered"
    logger.info("order %s placed by phone", basket.number)
    offer = may_offer_weekly_call(call)
    ordered = call.words("ordered", order=basket, goodbye=not offer)
    return offer_weekly_call(call, ordered) if offer else call.reply().hang_up(ordered)


REVIEW = {"1": place, "2": lambda call: say_order(call), "3": lambda call: add_more(call),
          "9": lambda call: read_back(call)}


# --- the weekly call, offered after an order --------------------------------------------

CALLING_HOURS = range(9, 20)  # the hours whose weekly call we offer


def may_offer_weekly_call(call: Call) -> bool:
    """Whether to offer a weekly call: the resident never had one nor said no to it, did not send
    STOP, and calls at an hour we would gladly ring them at again (not late in the evening)."""
    return (call.now.astimezone(TIMEZONE).hour in CALLING_HOURS and not call.resident.opted_out
            and not ever_had_weekly_call(call.session, call.resident))


def offer_weekly_call(call: Call, intro: str) -> Reply:
    """Once, after the order: shall we call every week on this weekday, around this hour? 1 is yes."""
    local = call.now.astimezone(TIMEZONE)
    call.remember(weekly_offer=[local.weekday(), local.hour])
    return call.reply().say(intro).ask(call.url("weekly_offer"),
                                       call.words("weekly_offer", weekday=local.weekday(), hour=local.hour),
                                       hints="ja, graag")


def weekly_offer(call: Call) -> Reply:
    """1 (or yes): we call every week from now on. Any other answer, or none, ends the call kindly
    and is remembered: the offer is not made again."""
    offered = (call.record.data or {}).get("weekly_offer")
    if not offered:
        return call.reply().hang_up(call.words("weekly_offer_declined"))
    weekday, hour = offered
    if choice(call, CHOOSE_WORDS) != "1" or call.unsure:
        decline_weekly_call(call.session, call.resident, weekday, time(hour))
        return call.reply().hang_up(call.words("weekly_offer_declined"))
    weekly = ask_for_weekly_call(call.session, call.resident, weekday, time(hour))
    count_as_this_weeks_call(call.session, call.record, weekly, call.now)
    return call.reply().hang_up(call.words("weekly_call_set", weekday=weekday, hour=hour))


# --- when it does not work --------------------------------------------------------------

def help_menu(call: Call) -> Reply:
    """Keys only, and if no key comes, a recorded message; if no message, a call-back."""
    return (call.reply()
            .ask(call.url("help"), call.words("help"), speech=False, empty_result=False)
            .record(call.url("recorded"), call.words("record"))
            .say(call.words("no_message"))
            .redirect(call.url("call_back")))


def help_choice(call: Call) -> Reply:
    """A key pressed after the second time it did not work."""
    return dispatch(call, HELP, HELP_WORDS, lambda intro: help_menu(call))


HELP = {"1": same, "0": call_back, "9": menu_again}


def recorded(call: Call) -> Reply:
    """The caller left a spoken message: the coordinator gets it as a task with the recording."""
    url = call.form.get("RecordingUrl", "")
    if not url:
        return call_back(call)
    call.outgoing += tasks.ask_coordinator(call.session, call.village, "voice_message", call.record.phone, call.resident,
                                     "voice_coordinator_message", url=url, once=False,
                                     call_sid=call.record.call_sid,
                                     seconds=call.form.get("RecordingDuration", ""))
    call.record.outcome = "message"
    return call.reply().hang_up(call.words("recorded"))


# --- speech hints ---------------------------------------------------------------------------

_hints: dict[tuple, str] = {}


def catalogue_hints(call: Call) -> str:
    """The village's product names, to help speech recognition (Twilio takes up to 500)."""
    village = call.village
    key = (str(call.session.get_bind().url), village.id, village.catalogue_version)
    if key not in _hints:
        if len(_hints) > 64:
            _hints.clear()
        catalogue = ordering.catalogue_for(call.session, village, call.now)
        names = dict.fromkeys(p.name.lower()[:100] for p in catalogue)
        _hints[key] = ", ".join(list(names)[:500])
    return _hints[key]


STEPS: dict[str, Callable[[Call], Reply]] = {
    "answer": answer,
    "weekly": weekly,
    "main": main,
    "order": order,
    "choose": choose,
    "review": review,
    "weekly_offer": weekly_offer,
    "help": help_choice,
    "recorded": recorded,
    "call_back": call_back,
}


def count_as_this_weeks_call(session, record: VoiceCall, weekly: WeeklyCall, now: datetime) -> None:
    """The call in progress is this week's weekly call, so the scheduler does not ring right after it.

    A wish for the weekday and hour of the call itself is due at once; without this the resident
    who just ordered and hung up would be called back within the minute.
    """
    slot = slot_for(weekly, now)
    planned = session.scalar(select(VoiceCall.id).where(VoiceCall.weekly_call_id == weekly.id,
                                                        VoiceCall.slot == slot))
    if planned is None:
        record.weekly_call_id, record.slot = weekly.id, slot
