"""Speech hints: the words Twilio's speech recognition is told to expect at a question."""
from __future__ import annotations

from ivr.call import Call
from ivr.keys import MAIN_WORDS
from orders import ordering

MENU_HINTS = ", ".join(form for forms in MAIN_WORDS.values() for form in forms)

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
