"""Every sentence a person reads or hears comes from `templates/messages/<language>/`.

Code passes values; the templates hold the words. Filters give what is not words of our own:
money and dates in figures, numbers in words (num2words), day and month names (babel). How a
message writes an amount, or the voice says one, is a macro in `<language>/_written.txt` and
`<language>/_spoken.txt`: partials, whose names start with "_", not messages.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date, get_day_names, get_month_names
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from num2words import num2words

from dorpslijn.config import TEMPLATES_DIR

LANGUAGES = ("nl", "en")


def say(name: str, language: str = "nl", **values) -> str:
    """The message `name` in `language` (Dutch when we have no other), filled with `values`."""
    language = language if language in LANGUAGES else "nl"
    template = _environment().get_template(f"{language}/{name}.txt")
    return template.render(lang=language, **values).strip()


def template_names(language: str) -> list[str]:
    """Every message template there is in one language; partials ("_spoken") are not messages."""
    folder = TEMPLATES_DIR / "messages" / language
    return sorted(p.stem for p in folder.glob("*.txt") if not p.stem.startswith("_"))


def euro(cents: int) -> str:
    """€ 2,95: the euro sign, a space, and a decimal comma."""
    sign = "-" if cents < 0 else ""
    cents = abs(int(cents))
    return f"€ {sign}{cents // 100},{cents % 100:02d}"


def amount(quantity, unit: str, language: str = "nl") -> str:
    """A quantity as the language writes it (`_written.txt`): 4x, 1 pond, 2 ons, 250 gram, 1,5 kilo."""
    return _environment().get_template(f"{language}/_written.txt").module.amount(quantity, unit)


def decimal(value) -> Decimal:
    """A quantity as an exact decimal, whether it comes as Decimal, float, int or text."""
    return Decimal(str(value))


def decimal_comma(value) -> str:
    """A quantity with a decimal comma and no trailing zeros: 1,5 and 2."""
    return f"{decimal(value).normalize():f}".replace(".", ",")


def in_words(n: int, language: str) -> str:
    """A whole number in words, as num2words writes it: 95 is "vijfennegentig", "ninety-five"."""
    return num2words(int(n), lang=language)


def ordinal(n: int, language: str) -> str:
    """An ordinal in words, as num2words writes it: "first", "twenty-seventh"."""
    return num2words(int(n), lang=language, to="ordinal")


def day(value: date, language: str = "nl") -> str:
    """A delivery day as people say it: vrijdag 27 november."""
    return format_date(value, "EEEE d MMMM", locale=language)


def dayname(weekday: int, language: str = "nl") -> str:
    """The name of weekday number `weekday` (Monday 0): maandag, Monday."""
    return get_day_names("wide", locale=language)[weekday]


def monthname(month: int, language: str = "nl") -> str:
    """The name of month number `month` (January 1): november, November."""
    return get_month_names("wide", locale=language)[month]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR / "messages"), undefined=StrictUndefined,
                      keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(euro=euro, amount=amount, day=day, dayname=dayname, monthname=monthname,
                       decimal=decimal, decimal_comma=decimal_comma, in_words=in_words, ordinal=ordinal)
    return env
