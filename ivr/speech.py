"""Numbers, prices, amounts and days as a voice says them: "twee euro vijfennegentig".

A text-to-speech voice reads "€ 2,95" or "27-11" in ways an elderly caller may not follow,
so everything the voice menu says about money, quantities and dates is written out in words
first, in Dutch or English.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date

NL_UNITS = ["nul", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
            "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien",
            "negentien"]
NL_TENS = ["", "", "twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"]
EN_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
            "nineteen"]
EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
EN_ORDINALS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
               "nine": "ninth", "twelve": "twelfth"}


def number(n: int, language: str = "nl") -> str:
    """A whole number from 0 to 999,999 in words: 95 is "vijfennegentig", "ninety-five"."""
    n = int(n)
    if n < 0:
        return ("min " if language == "nl" else "minus ") + number(-n, language)
    return _dutch(n) if language == "nl" else _english(n)


def _dutch(n: int) -> str:
    if n < 20:
        return NL_UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        if not unit:
            return NL_TENS[tens]
        word = "een" if unit == 1 else NL_UNITS[unit]
        joint = "ën" if word.endswith("e") else "en"
        return f"{word}{joint}{NL_TENS[tens]}"
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "honderd" if hundreds == 1 else _dutch(hundreds) + "honderd"
        return head + (_dutch(rest).replace("één", "een") if rest else "")
    thousands, rest = divmod(n, 1000)
    head = "duizend" if thousands == 1 else _dutch(thousands) + "duizend"
    return head + (" " + _dutch(rest) if rest else "")


def _english(n: int) -> str:
    if n < 20:
        return EN_UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return EN_TENS[tens] + (f"-{EN_UNITS[unit]}" if unit else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return f"{EN_UNITS[hundreds]} hundred" + (f" and {_english(rest)}" if rest else "")
    thousands, rest = divmod(n, 1000)
    tail = "" if not rest else (f" and {_english(rest)}" if rest < 100 else f" {_english(rest)}")
    return f"{_english(thousands)} thousand{tail}"


def price(cents: int, language: str = "nl") -> str:
    """Money as people say it: "twee euro vijfennegentig", "vijftig cent", "two euros ninety-five"."""
    euros, rest = divmod(abs(int(cents)), 100)
    if language == "nl":
        if not euros:
            return f"{number(rest, 'nl')} cent"
        return f"{number(euros, 'nl')} euro" + (f" {number(rest, 'nl')}" if rest else "")
    if not euros:
        return f"{number(rest, 'en')} cents"
    head = f"{number(euros, 'en')} euro" + ("" if euros == 1 else "s")
    return head + (f" {number(rest, 'en')}" if rest else "")


def amount(quantity, unit: str, language: str = "nl") -> str:
    """A quantity in the product's unit: "vier stuks", "een pond", "twee ons", "anderhalve kilo"."""
    quantity = Decimal(str(quantity))
    if unit != "kg":
        count = int(quantity)
        if language == "nl":
            return "één stuk" if count == 1 else f"{number(count, 'nl')} stuks"
        return "one" if count == 1 else number(count, "en")
    grams = int(quantity * 1000)
    if language == "nl":
        spoken = {500: "een pond", 1000: "één kilo", 1500: "anderhalve kilo"}
        if grams in spoken:
            return spoken[grams]
        if grams < 1000 and grams % 100 == 0:
            return f"{number(grams // 100, 'nl')} ons"
        if grams % 1000 == 0:
            return f"{number(grams // 1000, 'nl')} kilo"
        return f"{number(grams, 'nl')} gram"
    if grams in (500, 1500):
        return "half a kilo" if grams == 500 else "one and a half kilos"
    if grams % 1000 == 0:
        kilos = grams // 1000
        return f"{number(kilos, 'en')} kilo" + ("" if kilos == 1 else "s")
    return f"{number(grams, 'en')} grams"


def day(value: date, language: str = "nl") -> str:
    """A delivery day: "vrijdag zevenentwintig november", "Friday the twenty-seventh of November"."""
    weekday = format_date(value, "EEEE", locale=language)
    month = format_date(value, "MMMM", locale=language)
    if language == "nl":
        return f"{weekday} {number(value.day, 'nl')} {month}"
    return f"{weekday} the {ordinal(value.day)} of {month}"


def hour(n: int, language: str = "nl") -> str:
    """An hour of the day: "tien uur", "ten o'clock in the morning"."""
    if language == "nl":
        return f"{number(n, 'nl')} uur"
    part = "in the morning" if n < 12 else "in the afternoon" if n < 18 else "in the evening"
    return f"{number(n % 12 or 12, 'en')} o'clock {part}"


def ordinal(n: int) -> str:
    """An English ordinal in words: "first", "twenty-seventh", "thirtieth"."""
    words = _english(n)
    head, _, last = words.rpartition("-")
    if last in EN_ORDINALS:
        last = EN_ORDINALS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return f"{head}-{last}" if head else last
