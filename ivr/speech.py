"""Numbers, prices, amounts and days as a voice says them: "twee euro vijfennegentig".

A text-to-speech voice reads "€ 2,95" or "27-11" in ways an elderly caller may not follow,
so everything the voice menu says about money, quantities and dates is written out in words
first, in Dutch or English.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.dates import format_date
from num2words import num2words


def number(n: int, language: str = "nl") -> str:
    """A whole number in words, as num2words writes it: 95 is "vijfennegentig", "ninety-five"."""
    return num2words(int(n), lang=language)


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
    return num2words(n, lang="en", to="ordinal")
