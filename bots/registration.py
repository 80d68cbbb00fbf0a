"""A number we do not know: a short registration (name, then address with postcode and house
number, read back for JA). The new resident can order at once but stays "to be checked" until
the coordinator, who is told, has called."""
from __future__ import annotations

import logging
import re
from functools import lru_cache

from bots import basket
from bots.states import State
from bots.turn import Turn
from orders import keywords
from orders.models import Resident
from orders.understanding.lexicon import lexicon
from orders.understanding.text import plain

logger = logging.getLogger(__name__)

NAME_LEAD = re.compile(r"^(?:(?:goede?(?:morgen|middag|navond)|hallo|hoi|dag|hello|hi|good morning)[\s,!.]+)?"
                       r"(?:ik ben|ik heet|mijn naam is|met|dit is|my name is|i am|i'm|this is)?\s*", re.I)
NOT_A_NAME = {"hallo", "hoi", "dag", "goedemorgen", "goedemiddag", "goedenavond", "hello", "hi", "ja", "nee",
              "yes", "no", "ok", "help", "hulp", "wat", "what", "waarom", "why"}
PARTICLES = {"de", "der", "den", "van", "het", "ter", "ten", "te", "in", "'t", "op", "la", "le", "du"}
POSTCODE = re.compile(r"\b([1-9]\d{3})\s?([A-Za-z]{2})\b")
NOT_A_POSTCODE = {"SA", "SD", "SS"}  # letters PostNL never gives out
# Street and number in one linear pass: a run of text with a letter and no digit, comma or line
# break, then the house number (one to five digits, not part of a longer number) and maybe a letter.
STREET_PART = re.compile(r"[^\d,\n]+")
HOUSE_NUMBER = re.compile(r"(\d{1,5})(?!\d) *([A-Za-z](?![A-Za-z]))?")
LETTER = re.compile(r"[A-Za-zÀ-ÿ]")


def start(turn: Turn) -> State:
    """The first message of a new number: keep it, tell the coordinator once, ask the name.

    A new Telegram chat has no number the coordinator could call, and is usually a customer
    who taps the contact button next; the coordinator hears of it once it has registered.
    """
    turn.remember(pending_text=turn.text[:2000] or None)
    turn.reply("unknown_number", village=turn.village.name)
    if turn.channel != "telegram" and not turn.data.get("coordinator_told"):
        turn.tell("sms", turn.village.coordinator_phone, "coordinator_unknown_number", turn.village.language,
                  phone=turn.address, channel=turn.channel, text=turn.text[:300])
        turn.remember(coordinator_told=True)
    return State.REGISTERING_NAME


def name(turn: Turn) -> State:
    """The answer to "Wat is uw naam?"."""
    given = _name(turn, turn.text)
    if given is None:
        turn.reply("register_name_again", not_a_name=True)
        return State.REGISTERING_NAME
    turn.remember(name=given)
    turn.reply("register_address", who=given)
    return State.REGISTERING_ADDRESS


def _name(turn: Turn, text: str) -> str | None:
    text = NAME_LEAD.sub("", (text or "").strip()).strip(" .,!?")
    words = text.split()
    if not 1 <= len(words) <= 5 or len(text) > 60 or re.search(r"[\d@#/\\:;]", text):
        return None
    if keywords.words_of(text) in NOT_A_NAME or keywords.command(text) or sum(c.isalpha() for c in text) < 2:
        return None
    if any(c.isnumeric() for c in text) or _names_groceries(turn, text):
        return None
    return " ".join(w if i and w.lower() in PARTICLES else w[:1].upper() + w[1:] for i, w in enumerate(words))


def _names_groceries(turn: Turn, text: str) -> bool:
    """Whether a would-be name is a quantity or a product ("⅓ kilo kaas", "twee broden")."""
    if any(word in _quantity_words() for word in re.findall(r"[a-z]+", plain(text))):
        return True
    return basket.understood(turn, text)


@lru_cache(maxsize=1)
def _quantity_words() -> frozenset:
    """Number words and weights or volumes; not the unit words that are also surnames (Bos, Blok)
    or particles (ten), nor single letters (initials)."""
    words = lexicon()
    measures = {word for word, unit in words.units.items() if unit.kind in ("mass", "volume", "half", "dozen")}
    return frozenset(w for w in measures | set(words.numbers) if len(w) > 1 and w not in PARTICLES | {"an"})


def address(turn: Turn) -> State:
    """The answer to "Wat is uw adres?": street with house number, and postcode."""
    text = turn.text or ""
    postcode = _postcode(text)
    if postcode:
        turn.remember(postcode=f"{postcode.group(1)} {postcode.group(2).upper()}")
        text = text[:postcode.start()] + " " + text[postcode.end():]
    street = _street(text)
    if street:
        turn.remember(street=street)
    missing = [part for part in ("street", "postcode") if not turn.data.get(part)]
    if missing:
        turn.reply("register_address_again", missing=missing)
        return State.REGISTERING_ADDRESS
    return _read_back(turn)


def _postcode(text: str):
    """The first Dutch postcode (1234 AB) in a text, as a match, or None."""
    return next((m for m in POSTCODE.finditer(text) if m.group(2).upper() not in NOT_A_POSTCODE), None)


def _street(text: str) -> str | None:
    """"Kerkstraat 4a" from the first street name followed by a house number, or None."""
    for part in STREET_PART.finditer(text):
        number = HOUSE_NUMBER.match(text, part.end())
        if number and LETTER.search(part.group()):
            letter = (number.group(2) or "").lower()
            return f"{part.group().strip(' ,.').title()} {number.group(1)}{letter}"
    return None


def _read_back(turn: Turn) -> State:
    """Name and address read back, to be confirmed with JA."""
    turn.reply("register_check", who=turn.data["name"], street=turn.data["street"],
               postcode=turn.data["postcode"], choices=keywords.YES_NO[turn.language])
    return State.REGISTERING_CHECK


def check(turn: Turn) -> State:
    """JA: the resident is registered (to be checked); NEE: the questions again."""
    if keywords.is_decline(turn.text):
        turn.remember(name=None, street=None, postcode=None)
        turn.reply("register_name_again", not_a_name=False)
        return State.REGISTERING_NAME
    if not keywords.is_confirmation(turn.text):
        return _read_back(turn)
    turn.resident = _register(turn)
    pending = turn.data.get("pending_text", "")
    turn.ask_coordinator("new_resident", "coordinator_new_resident", said=pending)
    turn.remember(name=None, street=None, postcode=None, pending_text=None)
    ordering_now = bool(pending) and keywords.command(pending) is None and basket.understood(turn, pending)
    turn.reply("registered", who=turn.resident.name, ordering=ordering_now)
    return basket.take_order(turn, pending) if ordering_now else State.IDLE


def _register(turn: Turn) -> Resident:
    telegram = turn.channel == "telegram"
    resident = Resident(village_id=turn.village.id, name=turn.data["name"],
                        phone=f"telegram:{turn.address}" if telegram else turn.address,
                        telegram_chat_id=turn.address if telegram else None, address=turn.data["street"],
                        postcode=turn.data["postcode"], language=turn.language, checked=False)
    resident.village = turn.village
    turn.session.add(resident)
    turn.session.flush()
    logger.info("new resident %s registered by %s, to be checked", resident.id, turn.channel)
    return resident
