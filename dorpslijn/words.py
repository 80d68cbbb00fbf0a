"""Every sentence a person reads or hears comes from `templates/messages/<language>/`.

Code passes values; the templates hold the words. Filters format money, amounts and dates the
way people say them.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date, get_day_names
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from dorpslijn.config import TEMPLATES_DIR

LANGUAGES = ("nl", "en")


def say(name: str, language: str = "nl", **values) -> str:
    """The message `name` in `language` (Dutch when we have no other), filled with `values`."""
    language = language if language in LANGUAGES else "nl"
    template = _environment().get_template(f"{language}/{name}.txt")
    return template.render(lang=language, **values).strip()


def template_names(language: str) -> list[str]:
    """Every message template there is in one language."""
    return sorted(p.stem for p in (TEMPLATES_DIR / "messages" / language).glob("*.txt"))


def euro(cents: int) -> str:
    """€ 2,95: the euro sign, a space, and a decimal comma."""
    sign = "-" if cents < 0 else ""
    cents = abs(int(cents))
    return f"€ {sign}{cents // 100},{cents % 100:02d}"


def amount(quantity, unit: str, language: str = "nl") -> str:
    """A quantity as people say it: 4x, 1 pond, 2 ons, 250 gram, 1,5 kilo."""
    quantity = Decimal(str(quantity))
    if unit != "kg":
        return f"{int(quantity)}x"
    grams = int(quantity * 1000)
    if language == "nl":
        if grams == 500:
            return "1 pond"
        if grams < 1000 and grams % 100 == 0:
            return f"{grams // 100} ons"
    if grams < 1000:
        return f"{grams} gram" if language == "nl" else f"{grams} g"
    kilos = f"{quantity.normalize():f}".replace(".", ",")
    return f"{kilos} kilo" if language == "nl" else f"{kilos} kg"


def day(value: date, language: str = "nl") -> str:
    """A delivery day as people say it: vrijdag 27 november."""
    return format_date(value, "EEEE d MMMM", locale=language)


def dayname(weekday: int, language: str = "nl") -> str:
    """The name of weekday number `weekday` (Monday 0): maandag, Monday."""
    return get_day_names("wide", locale=language)[weekday]


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES_DIR / "messages"), undefined=StrictUndefined,
                      keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(euro=euro, amount=amount, day=day, dayname=dayname)
    return env
