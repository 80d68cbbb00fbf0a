"""PDFs of the lists on paper, made by WeasyPrint from a print page's HTML and kept in Redis
under that HTML's digest, so that a list prints again at once until what is on it changes.

WeasyPrint takes about 15 ms of CPU per stop (a round of 30 stops: half a second or more), so
opening a print page has a worker make its PDF meanwhile: by the time the coordinator asks for
it, it is there. Redis keeps a PDF a day; one that is gone is made again from the page.
"""
from __future__ import annotations

import hashlib
import logging
from functools import cache

from dorpslijn.config import load_settings
from dorpslijn.redis_server import connect
from worker.queues import DEFAULT, queue

KEPT_SECONDS = 24 * 3600
ASKED_SECONDS = 600  # a page waiting for a worker to make its PDF
PDF, PAGE = "dorpslijn:pdf:{}", "dorpslijn:pdf-page:{}"

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # else a log line per page laid out


def pdf_of(redis, html: str) -> bytes:
    """The PDF of this page: the one kept, or made now (and kept)."""
    key = digest(html)
    return redis.get(PDF.format(key)) or _make(redis, key, html)


def make_later(redis, html: str) -> None:
    """Have a worker make this page's PDF, unless it is kept or already asked for."""
    key = digest(html)
    if not redis.exists(PDF.format(key)) and redis.set(PAGE.format(key), html, ex=ASKED_SECONDS, nx=True):
        queue(redis, DEFAULT).enqueue(make_asked, key, job_id=f"pdf-{key}")


def make_asked(key: str) -> None:
    """The job: make the PDF of the page stored under `key`, if it is still wanted."""
    redis = connect(load_settings())
    html = redis.get(PAGE.format(key))
    if html is not None and not redis.exists(PDF.format(key)):
        _make(redis, key, html.decode())
    redis.delete(PAGE.format(key))


def digest(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def _make(redis, key: str, html: str) -> bytes:
    import weasyprint  # only here: it takes a while to load, and everything else works without it
    pdf = weasyprint.HTML(string=html).write_pdf(font_config=_fonts())
    redis.set(PDF.format(key), pdf, ex=KEPT_SECONDS)
    return pdf


@cache
def _fonts():
    """WeasyPrint's fonts, found once per process: a FontConfiguration made for every PDF (its
    default) asks fontconfig and Pango for the fonts anew, a quarter of a round list's time."""
    from weasyprint.text.fonts import FontConfiguration
    return FontConfiguration()
