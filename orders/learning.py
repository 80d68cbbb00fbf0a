"""Words a village learns: an unclear word goes on the coordinator's list, and the product they
pick for it becomes the village's own synonym for that product (`catalogue_cache.catalogue_for`
reads it into the catalogue). Another village never sees it."""
from __future__ import annotations

import logging

from sqlalchemy import select

from orders import tasks
from orders.catalogue_cache import catalogue_changed
from orders.models import LearnedWord, Product, Resident, Village
from orders.understanding import named

logger = logging.getLogger(__name__)

KIND = "unclear_word"
MAX_WORD = 200


def note_unclear(session, village: Village, resident: Resident | None, phone: str, said: str) -> None:
    """Put a word the village could not read as a product on the coordinator's list, once while it is open."""
    word = named(said)[:MAX_WORD]
    if not word or session.scalar(select(LearnedWord.id).where(LearnedWord.village_id == village.id,
                                                               LearnedWord.word == word)):
        return
    tasks.ask_coordinator(session, village, KIND, None, phone=phone, resident=resident, said=said, about=word,
                          details={"word": word})


def word_for(session, village_id: int, said: str) -> LearnedWord | None:
    """The village's learned word for what was said, or a new one not yet added; None when the text
    names nothing (only a number, say)."""
    word = named(said)[:MAX_WORD]
    if not word:
        return None
    learned = session.scalar(select(LearnedWord).where(LearnedWord.village_id == village_id, LearnedWord.word == word))
    return learned or LearnedWord(village_id=village_id, word=word)


def teach(session, learned: LearnedWord, product: Product, taught_by: str = "") -> None:
    """The village's residents mean `product` when they say the word (a word learned again changes its product)."""
    session.add(learned)
    learned.product_id, learned.product, learned.taught_by = product.id, product, taught_by
    catalogue_changed(session, learned.village_id)
    logger.info("village %s learned a word", learned.village_id)


def forget(session, learned: LearnedWord) -> None:
    """The word means nothing special in the village any more."""
    session.delete(learned)
    catalogue_changed(session, learned.village_id)


def learned_words(session, village_id: int) -> list[LearnedWord]:
    """The village's own words, alphabetically."""
    return list(session.scalars(select(LearnedWord).where(LearnedWord.village_id == village_id)
                                .order_by(LearnedWord.word)))
