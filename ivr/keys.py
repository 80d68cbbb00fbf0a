"""The keys a caller presses, and the spoken words each key stands for.

A spoken answer is first turned into the key it stands for, so keys and speech always do the
same thing. The words are folded (lower case, no accents) and taken in Dutch and English alike;
what speech recognition listens for, per language, is in the `voice_hints_*` templates.
"""
from __future__ import annotations

from ivr.call import Call
from orders import keywords

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
