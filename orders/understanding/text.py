"""Message text cut into pieces at punctuation and line breaks, each piece as its tokens."""
from __future__ import annotations

import re

from orders.plain_text import plain

# A comma or full stop between digits is a decimal sign; anywhere else it ends a list item, and
# so does a dash, plus or ampersand standing alone ("12 rollen + afwasmiddel", not "50+").
SEPARATORS = re.compile(r"(\n|[;:!?\"*#|]|(?<!\d)[.,]|[.,](?!\d)|(?:^|\s)[-+&]+(?=\s)|\s-+$)")
# Separators that join the elements of a list: a comma, or a line (bullets and emoji are lines too).
COMMAS = re.compile(r"^\s*[,;+&]\s*$")
BULLET = re.compile(r"^\s*[-*]\s*[^\d\s]")
LINES = re.compile(r"^\s*(?:\n|-+|\*|#|\|)\s*$")
# A line numbered "1." or "2)" in a numbered list: the number is the line's place, not a count.
MARKER = re.compile(r"(?m)^[ \t]*(\d{1,2})[.)][ \t]+(?=\S)")
TOKEN = re.compile(r"\d+/\d+|(?<![\w])-?\d+(?:[.,]\d+)?(?:e[+-]?\d+)?\+?|[a-z]+(?:'[a-z]+)?|\d+\+?")


def pieces(text: str) -> list[list[str]]:
    """The plain text cut at punctuation and line breaks, each piece as its tokens."""
    return [tokens for tokens, _, _ in listed_pieces(text)]


def listed_pieces(text: str) -> list[tuple[list[str], str, str]]:
    """Each piece's tokens, and what stands before and after it: "comma", "line", "bullet", "end" (of a sentence) or ""."""
    parts = SEPARATORS.split(plain(_unnumbered(text)))
    found, before = [], ""
    for k in range(0, len(parts), 2):
        tokens = TOKEN.findall(parts[k])
        after = _break(parts[k + 1]) if k + 1 < len(parts) else ""
        if tokens:
            found.append((tokens, "bullet" if BULLET.match(parts[k]) else before, after))
            before = after
        elif after and before != "end":
            before = after
    return found


def _unnumbered(text):
    """A numbered list ("1. bruin heel", "2. 6 krentenbollen") with its numbers as bullets: 1, 2, 3 in turn."""
    numbers = [int(m.group(1)) for m in MARKER.finditer(text)]
    if len(numbers) >= 2 and numbers == list(range(1, len(numbers) + 1)):
        return MARKER.sub("- ", text)
    return text


def _break(separator):
    """What a separator does: joins list elements ("comma", "line") or ends a sentence ("end")."""
    if COMMAS.match(separator):
        return "comma"
    return "line" if LINES.match(separator) else "end"
