"""Order understanding: Dutch (and English) free text and speech transcripts become catalogue items.

How a message flows through it:

1. `text.plain` makes the text lower-case ASCII; emoji become line breaks, control characters and
   other scripts go. `text.listed_pieces` cuts it at line breaks, bullets and punctuation (a comma
   between digits stays a decimal comma) into token lists, each with whether a list break (comma,
   line, bullet) or a sentence end stands beside it.
2. `segment.phrases` reads each piece: the glossary (`glossary.py`, `lexicon/glossary.tsv`: words
   of the language, never of one village) reads regional and English words as the words this
   catalogue uses, and variant words as their canonical form ("in plakken": sliced); questions
   ("heeft u") read as "ook" (`lexicon/cues.tsv`). A self-correction (`lexicon/corrections.tsv`:
   "nee wacht, die hoeft niet", "of nee, doe maar twee") takes back or replaces what came just
   before it, and a thing said twice in a row is one thing. A sign-off ("groetjes Truus") ends the piece,
   list words ("en", "ook", "and") cut it, and a quantity that follows words and is followed by
   more words starts a new phrase, so run-on speech ("2 liter volle melk 2 liter karnemelk")
   splits too. `quantity.read` takes numbers in digits and words (any size: "honderdvijftig"
   through text2num, in English too: "three hundred and fifty"; "een stuk of 4", "anderhalve", "a dozen",
   "a kilo and a half"), units (ons, pond, gram, kilo, liter), pack words (zak, doos, pak, bos) and pack
   sizes ("van 10"). Chatter and function words (`lexicon/ignore.txt`), instructions
   ("gesneden", "bezorgen", unless a product is so named), streets and what follows "niet"/"geen" never name a product.
   With the catalogue's help (`match.Names`) two words that are one product word said backwards
   are joined ("broodjes kaas": kaasbroodjes), and a bare number right after a product word is
   part of the name when a product so named has it ("batterijen 312"), not a count; a piece that
   is only an amount ("..., twee pakjes") counts the thing before it. A counted phrase of
   describing words only ("2 witte bollen en 2 bruine") may mean the noun before it.
3. `match.match` looks each content word up in the catalogue's index (`index.index_for`, built
   once per catalogue and cached): by word form, so plurals and diminutives meet
   (`words.forms`, with the Dutch lemma from simplemma: "kazen" is "kaas"); by category ("kaas"
   covers every cheese, and "bloemen" said as written is not the "bloem" of flour); by compound
   head as written ("ham" in "achterham", but "bloem" is not the "bloemen" of "zonnebloemen");
   by the kinds the glossary names; across a split ("kip filet") and,
   failing all that, one typo away (rapidfuzz, a swapped letter one slip) for a word the language
   does not know itself ("kaars" is no slip for "kaas"). Products are ranked by how many words they
   cover and how surely, whether the quantity fits them (`quantity.for_product`: "2 liter" of a
   1-liter pack is 2, "zes eieren" one box of six, weighed goods in kilograms), whether the pack
   word fits, and then by how few of their own marked words went unsaid, so the plainly named
   product beats its variants (so does the kind the glossary calls plain, "suiker": kristalsuiker,
   and of one product in several sizes the one whose name says none); when no product is the plain one ("kaas" for three named cheeses)
   the word names a kind and all of them are offered. A phrase whose last word (its head, as in
   a compound: "lijnzaad olie") is a noun no product has is not sold, whatever its first word
   matches. One clear winner becomes an `Item`; a tie is an `Unclear`
   question with the best few candidates (the conversation may answer it from the resident's own
   orders: `orders/usual.py`; `dorpslijn parse` never does); an absurd or
   unusable amount is an `Unclear` about the quantity; words that match nothing go to
   `not_found` when the phrase reads as an order (`Phrase.unsold`): it has a quantity or follows
   "en"/"ook"/"heeft u", or it is a noun-like element of a comma or line list (a few words, no
   chatter or instruction, not the lone name on the last line, not after "mevr."). The words
   named stop at a modifier ("voor 12 personen"). They are never matched to a nearest-sounding
   product. Words left over beside a match ("... en een kaartje") are matched on their own,
   unless they follow a preposition ("kipfilet voor op brood").
4. `understand` reads the first 2,000 characters, collects the outcomes in order and stops after 30; `stream.parse_stream` wraps
   it for `dorpslijn parse`, one JSON line per input line, never raising on bad input.
"""
from __future__ import annotations

from .model import Item, Unclear, Understanding
from .reading import named, understand
from .stream import parse_stream

__all__ = ["understand", "named", "parse_stream", "Understanding", "Item", "Unclear"]
