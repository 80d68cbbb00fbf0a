"""The words people send (CONTRACT section 6), forgiving case, accents and words around them."""
from __future__ import annotations

import re
import unicodedata

from orders.calendar import weekday_in
from orders.plain_text import fold

CONFIRM = {"ja", "yes", "klopt", "ok", "oke", "okay", "okee", "prima", "goed", "akkoord", "graag",
           "ja graag", "yes please", "dat klopt", "is goed", "👍", "👌", "✅", "y", "j"}
CONFIRM_STARTS = ("ja", "yes", "klopt", "ok", "oke", "prima", "akkoord", "goed")
POLITE = {"graag", "hoor", "dank", "u", "je", "wel", "bedankt", "dankjewel", "dankuwel", "please",
          "thanks", "thank", "you", "prima", "klopt", "dat", "is", "goed", "zo", "helemaal", "top",
          "fijn", "mooi", "ok", "oke", "hartelijk", "alstublieft", "aub", "that's", "right",
          "correct", "fine", "great"}
DECLINE = {"nee", "no", "neen", "nee dank", "nee dank u", "no thanks", "nee bedankt", "liever niet"}
COMMANDS = {
    "no_call": ("niet meer bellen", "stop met bellen", "bel mij niet meer", "bel me niet meer",
                "niet meer elke week bellen", "stop calling", "don t call me", "don’t call me", "dont call me",
                "do not call me"),
    "not_weekly": ("niet meer elke week", "stop elke week", "geen vaste bestelling", "geen vaste bestelling meer",
                   "not every week", "stop every week", "no standing order"),
    "no_reminder": ("geen herinnering", "geen herinnering meer", "stop herinnering", "no reminder",
                    "stop reminder", "stop reminders"),
    "same": ("zelfde", "hetzelfde", "same", "hetzelfde als vorige week", "zelfde als vorige week",
             "hetzelfde als vorige keer", "zelfde als vorige keer", "same as last week", "same again"),
    "status": ("status", "waar is mijn bestelling", "wanneer komt mijn bestelling", "where is my order"),
    "help": ("hulp", "help", "menu", "?"),
    "call_me": ("bel mij", "bel me", "bel mij terug", "bel me terug", "wilt u mij bellen", "call me",
                "call me back", "please call me"),
    "cancel": ("annuleer", "annuleren", "cancel", "afzeggen", "afbestellen", "zeg af"),
    "restart": ("alles opnieuw", "opnieuw", "overnieuw", "helemaal opnieuw", "begin opnieuw", "start over"),
    "weekly": ("elke week", "iedere week", "every week", "wekelijks", "weekly"),
}
YES_NO = {"nl": ["JA", "NEE"], "en": ["YES", "NO"]}
SAME_AGAIN = {"nl": ["ZELFDE"], "en": ["SAME"]}
MENU = {"nl": ["ZELFDE", "STATUS", "BEL MIJ"], "en": ["SAME", "STATUS", "CALL ME"]}
CALL_ME = {"nl": ["BEL MIJ"], "en": ["CALL ME"]}
ALONE = {"weekly"}  # "4 krentenbollen, elke week" is an order, not the command
STOP = {"stop", "stoppen", "afmelden", "uitschrijven", "unsubscribe", "stop all", "stopall"}
START = {"start", "starten", "weer aan", "unstop", "aanmelden"}
WEEKLY = re.compile(r"\b(elke week|iedere week|every week|wekelijks|weekly)\b[.!]?", re.I)
REMINDER = re.compile(r"\b(herinner|herinnering|remind|reminder)\b")
CALL = re.compile(r"\b(bel|bellen|belt|call)\b")
ME = re.compile(r"\b(mij|me|ons|us)\b")
EVERY = re.compile(r"\b(elke|iedere|ieder|every|each|voortaan|wekelijks|weekly)\b")
HOUR = re.compile(r"\b(?:om|at)\s+(\d{1,2})(?:[:.](\d{2}))?\s*(uur|u|am|pm|h)?\b")
SPOKEN_HOUR = re.compile(r"\b(?:om|at)\s+(half past|quarter past|quarter to|half|kwart over|kwart voor)\s+(\d{1,2})\b")
SPOKEN_MINUTES = {"half": -30, "kwart over": 15, "kwart voor": -15, "half past": 30, "quarter past": 15,
                  "quarter to": -15}  # "half 11" is half an hour before 11
AFTERNOON_BELOW = 8  # "om 2 uur" is 14:00: nobody asks for a call or a reminder at 2 at night
CARER = re.compile(
    r"^\s*(?:voor|for)\s+(?:mijn|m'n|mn|my|onze|our)\s+(?:\w+)\s*[:,\-]?\s*(.*)$", re.I | re.S)
ENGLISH = {"yes", "please", "hello", "hi", "thanks", "thank", "same", "call", "cancel", "would",
           "like", "i'd", "morning", "bread", "milk", "eggs", "and", "the", "some", "my", "want",
           "need", "could", "dear", "kind", "regards", "cheese", "loaf"}
DUTCH = {"ja", "graag", "hallo", "goedemorgen", "goedemiddag", "dag", "bedankt", "dank", "en", "een",
         "mijn", "ik", "wil", "heb", "brood", "melk", "kaas", "groetjes", "alstublieft", "aub", "zelfde",
         "bel", "mij", "hulp", "annuleer", "voor", "van", "het", "de", "ook", "nog", "pond", "ons"}


def words_of(text: str) -> str:
    """The folded text with punctuation turned into spaces (emoji kept)."""
    return re.sub(r"\s+", " ", re.sub(r"[.,!?;:()\"'`*_~-]+", " ", fold(text))).strip()


def is_confirmation(text: str) -> bool:
    """`JA`, `ja graag`, `klopt`, `ok`, a thumbs-up, `yes`; not `ja, en ook 2 eieren`."""
    words = words_of(text)
    if words in CONFIRM:
        return True
    first, _, rest = words.partition(" ")
    if first in CONFIRM_STARTS and rest and all(w in POLITE or not any(c.isalnum() for c in w)
                                                for w in rest.split()):
        return True
    return bool(words) and all(c in "👍👌✅🙂😊 " or unicodedata.category(c) == "Mn" for c in text.strip()) \
        and any(c in text for c in "👍👌✅")


def is_decline(text: str) -> bool:
    """`NEE` and its forms."""
    words = words_of(text)
    return words in DECLINE or (words.startswith(("nee ", "no ")) and len(words.split()) <= 4)


def command(text: str) -> str | None:
    """The command a short message is, if any (the names of `COMMANDS`, `stop`, `start`)."""
    words = words_of(text)
    bare = " ".join(w for w in words.split() if w not in POLITE)  # "stop graag", "afmelden, dank u"
    if bare in STOP:
        return "stop"
    if bare in START:
        return "start"
    if len(words.split()) > 6:
        return None
    for name, forms in COMMANDS.items():
        if any(words == f or name not in ALONE and (words.startswith(f + " ") or words.endswith(" " + f))
               for f in forms):
            return name
    return None


def order_number(text: str) -> int | None:
    """The order number a message names (three digits or more), if any."""
    match = re.search(r"\b(\d{3,7})\b", text or "")
    return int(match.group(1)) if match else None


def choice(text: str, count: int) -> int | None:
    """The number 0..count a message answers with (`2`, `nummer 2`, `2.`), if any."""
    match = re.fullmatch(r"(?:nummer|nr|number|no)?\s*(\d{1,2})\s*[.)!]?", words_of(text))
    if match and 0 <= int(match.group(1)) <= count:
        return int(match.group(1))
    return None


def without_weekly(text: str) -> tuple[bool, str]:
    """Whether the message asks for every week, and the message without those words."""
    text, kept, start = text or "", [], 0
    for match in WEEKLY.finditer(text):
        before = text[start:match.start()].rstrip()  # the comma and spaces before the words go too
        kept.append(before[:-1] if before.endswith((",", ".", ";")) else before)
        start = match.end()
    kept.append(text[start:])
    return start > 0, "".join(kept).strip()


def reminder_request(text: str) -> tuple[int, int] | None:
    """(weekday, hour) of "herinner mij op dinsdag om 10 uur", if the message asks for that."""
    words = fold(text)
    moment = _weekday_and_time(words) if REMINDER.search(words) else None
    return moment[:2] if moment else None


def asks_weekly_call(text: str) -> bool:
    """Whether a message asks to be called every week on a weekday ("bel mij elke maandag ...").

    Without "elke" (every) "bel mij maandag om 10 uur" is a call-back, once: `BEL MIJ`; without
    "mij" (me) "ik bel elke zondag met mijn dochter" asks nothing.
    """
    words = fold(text)
    return all(word.search(words) for word in (CALL, ME, EVERY)) and weekday_in(words, short=False) is not None


def weekly_call_request(text: str) -> tuple[int, int, int] | None:
    """(weekday, hour, minute) of "bel mij elke maandag om 10 uur", if the message asks for that."""
    return _weekday_and_time(fold(text)) if asks_weekly_call(text) else None


def _weekday_and_time(words: str) -> tuple[int, int, int] | None:
    """(weekday, hour, minute) a folded message names: "dinsdag om 10 uur", "monday at 2.30 pm",
    "maandag om half 11" (10:30); an hour below 8 without "am" is the afternoon's."""
    day = weekday_in(words, short=False)
    if spoken := SPOKEN_HOUR.search(words):
        minutes = int(spoken.group(2)) * 60 + SPOKEN_MINUTES[spoken.group(1)]
        hour, minute, suffix = minutes // 60, minutes % 60, None
    elif written := HOUR.search(words):
        hour, minute, suffix = int(written.group(1)), int(written.group(2) or 0), written.group(3)
    else:
        return None
    if suffix == "pm" and hour < 12 or suffix != "am" and hour < AFTERNOON_BELOW:
        hour += 12
    return (day, hour, minute) if day is not None and hour <= 23 and minute <= 59 else None


def for_someone_else(text: str) -> str | None:
    """The rest of "voor mijn moeder: 2 krentenbollen", when a message says it is for someone."""
    match = CARER.match(text or "")
    return match.group(1).strip() if match else None


def language_of(text: str) -> str | None:
    """`en` or `nl` when the words of a message tell which, else None."""
    words = set(words_of(text).split())
    english, dutch = len(words & ENGLISH), len(words & DUTCH)
    if english > dutch:
        return "en"
    if dutch > english:
        return "nl"
    return None
