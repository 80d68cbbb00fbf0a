"""Every parser that reads outside text takes time in proportion to its length: random and
hostile strings up to 10,000 characters are each read in under 100 ms, and twice the text takes
at most about twice the time (a pattern that backtracks takes the square or the cube).

The times are the CPU time of the parsing thread, the best of several runs, with
a margin: a busy machine that takes the core away in the middle of a run lengthens the wall clock,
not the work, and failed these on the wall clock. The garbage collector is off while they run: a
full collection costs what the whole suite's heap holds, not what the text does, and landing in
the longer run it made a linear parser look quadratic. What they catch is a cost that grows
faster than the text.
"""
import gc
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from bots import changes, distress, registration, shop_replies, volunteer_replies
from orders import keywords
from messaging import telegram_updates
from ivr import keys
from orders.catalogue import Catalogue
from orders.phones import normalise_or_none
from orders.understanding import understand
from orders.understanding.text import listed_pieces

DEMO = Path(__file__).resolve().parents[2] / "demo" / "zwartsluis"
LONGEST = 10_000
# Pieces that, repeated, have made patterns backtrack: runs of digits, separators, spaces,
# words a pattern looks for again and again, self-corrections, and letters of other scripts.
UNITS = ["1", "1 ", "1 1 1 ", "1,", "1.", ",", ", ", ";", " ", "\n", "-", "- ", "--", "!", "ok !", "ok nr ",
         "op 1", "ja ", "nee, ", "en", "en ", "ook ", "geen a meer ", "kaas, nee wacht, ", "in plaats van ",
         "bezorgd 1", "niet thuis ", "eur 1", "€", "112 ", "1/", "2 kaas ", "ook kaas erbij ", "elke week ",
         "om ", "bel mij elke ", "voor mijn ", "Kerkstraat ", "8064 ", "4a ", "a", "é", "ß", "½", "👍", "🍞 ",
         "汉字", "\u200b", "\u0301", "krentenbollen ", "x" * 61]
# The same after words that open a pattern: a long tail after "geen kaas", "ok", "bezorgd".
OPENED = [("geen kaas", " meer"), ("ook kaas", " graag"), ("ok ", "!"), ("ok nr", " "), ("bezorgd ", "!"),
          ("bezorgd 123", "1"), ("bezorgd 123 ", "1"), ("eur ", "1"), ("elke week", " "), ("voor mijn moeder", " "), ("om ", "1"),
          ("Kerkstraat ", "4"), ("8064", " "), ("ja", ", ja"), ("2 kaas in plaats van", " 1")]


@pytest.fixture(scope="module")
def catalogue():
    return Catalogue.from_csv(DEMO)


def _volunteer(text):
    folded = keywords.fold(text)
    if match := volunteer_replies.NOT_HOME.search(folded):
        int(match.group(1))
    if match := volunteer_replies.DELIVERED.search(folded):
        int(match.group(1)), volunteer_replies._amount(match.group(2))
    volunteer_replies.AVAILABLE.search(folded)


def _keywords(text):
    keywords.is_confirmation(text), keywords.is_decline(text), keywords.command(text)
    keywords.order_number(text), keywords.choice(text, 5), keywords.without_weekly(text)
    keywords.reminder_request(text), keywords.weekly_call_request(text), keywords.for_someone_else(text)
    keywords.language_of(text)


def _speech(text):
    for words in (keys.MAIN_WORDS, keys.REVIEW_WORDS, keys.CHOOSE_WORDS):
        keys.choice(SimpleNamespace(digits="", speech=text), words)


PARSERS = {
    "pieces": listed_pieces,
    "changes": changes.parse,
    "keywords": _keywords,
    "shop replies": lambda text: shop_replies._answers("\n".join(keywords.fold(line) for line in text.splitlines())),
    "volunteer replies": _volunteer,
    "distress": distress.is_distress,
    "address": lambda text: (registration._postcode(text), registration._street(text)),
    "speech": _speech,
    "telegram text and caption": lambda text: (telegram_updates._text({"text": text}),
                                               telegram_updates._text({"caption": "/" + text})),
    "telegram contact": normalise_or_none,
}


def _parser(name, catalogue):
    return (lambda text: understand(text, catalogue)) if name == "understanding" else PARSERS[name]


def hostile():
    """Random text, or a hostile piece repeated, up to 10,000 characters."""
    repeated = st.builds(lambda unit, n: (unit * n)[:LONGEST],
                         st.sampled_from(UNITS) | st.text(min_size=1, max_size=6), st.integers(1, LONGEST))
    mixed = st.builds(lambda parts, n: ("".join(parts) * n)[:LONGEST],
                      st.lists(st.sampled_from(UNITS), min_size=1, max_size=6), st.integers(1, 2_000))
    return st.text(max_size=300) | repeated | mixed


def _timed(parse, text, runs, pick):
    """`pick` (min, median) of the CPU seconds `parse` takes on `text` over `runs` runs."""
    times = []
    gc.disable()
    try:
        for _ in range(runs):
            started = time.thread_time()
            parse(text)
            times.append(time.thread_time() - started)
    finally:
        gc.enable()
    return pick(times)


def _best(parse, text):
    return _timed(parse, text, 3, min)


def _longest_in_linear_time(parse, half, whole) -> tuple[bool, float]:
    """Whether the whole text takes at most about twice the time of its half, and the whole's
    best time: the fastest of a few runs of each, taken by turns, so that a busy machine slows
    both alike. A first look of two turns settles a linear parser; only a doubt is looked at
    again, with seven."""
    for turns in (2, 7):
        halves, wholes = [], []
        for _ in range(turns):
            halves.append(_timed(parse, half, 1, min))
            wholes.append(_timed(parse, whole, 1, min))
        if min(wholes) < 3 * min(halves) + 0.002:
            return True, min(wholes)
    return False, min(wholes)


NAMES = ["understanding", *PARSERS]
QUICK = settings(deadline=None, max_examples=20, suppress_health_check=[HealthCheck.too_slow,
                                                                      HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("name", NAMES)
@QUICK
@given(text=hostile())
def test_any_text_up_to_ten_thousand_characters_is_read_in_under_100_ms(catalogue, name, text):
    parse = _parser(name, catalogue)
    parse(text)  # warm: caches, lazily built indexes
    assert _best(parse, text) < 0.1, f"{name} took too long on {text[:60]!r}... ({len(text)} characters)"


@pytest.mark.parametrize("name", NAMES)
@settings(deadline=None, max_examples=8, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(unit=st.sampled_from(UNITS) | st.text(min_size=1, max_size=4))
def test_twice_the_text_takes_at_most_about_twice_the_time(catalogue, name, unit):
    parse = _parser(name, catalogue)
    half, whole = (unit * LONGEST)[:LONGEST // 2], (unit * LONGEST)[:LONGEST]
    parse(half), parse(whole)
    linear, _ = _longest_in_linear_time(parse, half, whole)
    assert linear, f"{name} grows faster than {unit!r} repeated"


@pytest.mark.parametrize("name", NAMES)
def test_every_hostile_piece_repeated_is_read_in_linear_time(catalogue, name):
    parse = _parser(name, catalogue)
    for opening, unit in [("", unit) for unit in UNITS] + OPENED:
        half, whole = (opening + unit * LONGEST)[:LONGEST // 2], (opening + unit * LONGEST)[:LONGEST]
        parse(half), parse(whole)
        linear, took = _longest_in_linear_time(parse, half, whole)
        assert took < 0.1, f"{name} took {took:.3f} s on {opening!r} and {unit!r} repeated"
        assert linear, f"{name} grows faster than {unit!r} repeated"
