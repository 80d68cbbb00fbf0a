"""Speech hints: the words Twilio's speech recognition is told to listen for at a question.

At a menu they are what the caller may say, in the caller's language (`voice_hints_*` templates);
when the caller says the shopping or picks a product, they are the products' names.
"""
from __future__ import annotations

from ivr.call import Call
from orders.catalogue_cache import catalogue_for


def answer_hints(call: Call, question: str) -> str:
    """What the caller may say to `question` (the template `voice_hints_<question>`), in their language."""
    return ", ".join(filter(None, (line.strip() for line in call.words(f"hints_{question}").splitlines())))


def catalogue_hints(call: Call) -> str:
    """The village's product names, to help speech recognition (Twilio takes up to 500)."""
    catalogue = catalogue_for(call.session, call.village, call.now)
    names = dict.fromkeys(p.name.lower()[:100] for p in catalogue)
    return ", ".join(list(names)[:500])
