"""Geleerde woorden: the village's own words for its products, taught from unclear words; each can be removed."""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for

from orders import learning
from orders.models import LearnedWord
from web.context import db
from web.dashboard.auth import own, village_id
from web.dashboard.editing import saving

bp = Blueprint("words", __name__, url_prefix="/words")


@bp.get("/")
def index():
    """Every word the village learned, with the product it means."""
    return render_template("dashboard/words.html", words=learning.learned_words(db(), village_id()))


@bp.post("/<int:word_id>/forget")
def forget(word_id: int):
    """The word no longer means that product: the next resident who says it is asked again."""
    learned = own(LearnedWord, word_id)
    with saving("word.forget", learned):
        learning.forget(db(), learned)
    flash("word_forgotten")
    return redirect(url_for(".index"))
