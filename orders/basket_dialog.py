"""The basket dialog text and voice share: what a message left unclear, the numbered choices for
an unclear item, what an answer to it chooses, and the basket's lines merged per product.

A question waits as plain data in a conversation's or a call's JSON between answers: the words
that were unclear, the products they may be, the amount said, and why it is asked (`ambiguous`
or `unknown`: which product; `quantity`: how much of the one product). A channel only words the
question and hands over the answer (typed, pressed or said); what the answer means is decided here.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from orders import keywords
from orders.catalogue import Catalogue, Product
from orders.understanding import understand
from orders.understanding.model import Unclear
from orders.understanding.quantity import absurd

MAX_CHOICES = 4                  # with "none of these" five choices, as VOICE.md asks of text and voice
DEFAULT_WEIGHT = Decimal("0.5")  # a pound, when a weighed product was chosen without an amount
MOST_KILOS, MOST_PIECES = Decimal(5), Decimal(30)  # more, as an answer to "how much?", is a slip
MAX_ANSWER = 200


@dataclass(frozen=True)
class Answer:
    """What an answer to a question chose: a line of the basket, none of the products (line None),
    or a product whose amount, said with the kind word, no household orders (asked about next)."""

    line: tuple[str, str] | None = None
    how_much: dict | None = None

    def added_to(self, lines: list) -> list:
        """The basket's [sku, quantity] lines with the chosen one added."""
        return [*lines, list(self.line)] if self.line else list(lines)

    def before(self, questions: list) -> list:
        """The questions still to ask after this answer: its own about the amount first."""
        return [self.how_much, *questions] if self.how_much else list(questions)


def questions(unclear: list[Unclear]) -> tuple[list[dict], list[str]]:
    """A question for each unclear item some product fits, and the words no product fits."""
    asked = [{"text": u.text, "candidates": list(u.candidates)[:MAX_CHOICES],
              "quantity": None if u.quantity is None else str(u.quantity), "reason": u.reason}
             for u in unclear if u.candidates]
    return asked, [u.text for u in unclear if not u.candidates]


def still_open(asked: list[dict], catalogue: Catalogue) -> tuple[list[dict], list[str]]:
    """The questions from the first one whose products are still sold, and the words of those passed over."""
    passed = []
    while asked and not choices(asked[0], catalogue):
        passed.append(asked[0]["text"])
        asked = asked[1:]
    return asked, passed


def choices(question: dict, catalogue: Catalogue) -> list[Product]:
    """The products a question offers, numbered from 1: those of its candidates still sold."""
    return [p for p in (catalogue.get(sku) for sku in question["candidates"]) if p is not None][:MAX_CHOICES]


def about_amount(question: dict) -> bool:
    """Whether the question asks how much of its one product, not which product."""
    return question["reason"] == "quantity"


def answer(question: dict, products: list[Product], said: str) -> Answer | None:
    """What an answer chooses among the question's products; None when it is not clear."""
    if about_amount(question):
        return amount(products[0], said)
    number = choice(products, said)
    if number is None:
        return None
    if number == 0:
        return Answer()
    product = products[number - 1]
    quantity = chosen_quantity(question, product)
    if absurd(quantity, product.unit):  # "300 brood": which bread first, then how many
        return Answer(how_much={**question, "candidates": [product.sku], "reason": "quantity"})
    return Answer((product.sku, str(quantity)))


def choice(products: list[Product], said: str) -> int | None:
    """The number an answer picks: `2`, `nummer 2`, a product's name, 0 or NEE for none, JA when one is offered."""
    number = keywords.choice(said, len(products))
    if number is None:
        number = named(products, said)
    if number is None and keywords.is_decline(said):
        number = 0
    if number is None and len(products) == 1 and keywords.is_confirmation(said):
        number = 1
    return number


def named(products: list[Product], said: str) -> int | None:
    """The number of the one product an answer names ("de bruine"), if it names only one."""
    skus = [p.sku for p in products]
    items = {i.sku for i in understand(said[:MAX_ANSWER], Catalogue(products)).items}
    if len(items) == 1:
        return 1 + skus.index(items.pop())
    words = set(keywords.words_of(said[:MAX_ANSWER]).split())
    shared = [len(words & set(keywords.words_of(p.name).split())) for p in products]
    best = max(shared, default=0)
    return 1 + shared.index(best) if best and shared.count(best) == 1 else None


def chosen_quantity(question: dict, product: Product) -> Decimal:
    """The amount said with the unclear words, else one piece (of a weighed product, a pound)."""
    if question["quantity"]:
        return Decimal(question["quantity"])
    return DEFAULT_WEIGHT if product.weighed else Decimal(1)


def amount(product: Product, said: str) -> Answer | None:
    """The amount an answer to "how much?" gives (`4`, `1 pond`, `twee ons`), 0 or NEE for none."""
    if keywords.is_decline(said) or keywords.choice(said, 0) == 0:
        return Answer()
    said = said[:MAX_ANSWER].strip().rstrip(".!?")  # speech ends a sentence: "Een pond."
    items = understand(f"{said} {product.name}", Catalogue([product])).items
    sane = [i for i in items if Decimal(0) < i.quantity <= (MOST_KILOS if product.weighed else MOST_PIECES)]
    return Answer((product.sku, str(sane[0].quantity))) if sane else None


def teaches(question: dict, chosen: Answer) -> bool:
    """Whether none of the products was what the words meant, so the coordinator may teach them."""
    return chosen.line is None and chosen.how_much is None and not about_amount(question)


def merged(lines) -> list[tuple[str, Decimal]]:
    """(sku, quantity) pairs with one line per product, quantities added up, in the order first named."""
    totals: dict[str, Decimal] = {}
    for sku, quantity in lines:
        totals[sku] = totals.get(sku, Decimal(0)) + Decimal(str(quantity))
    return [(sku, quantity) for sku, quantity in totals.items() if quantity > 0]
