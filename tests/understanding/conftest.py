"""The demo village's catalogue, read from the repository's own copy."""
from pathlib import Path

import pytest

from orders.catalogue import Catalogue

DEMO = Path(__file__).resolve().parents[2] / "demo" / "zwartsluis"


@pytest.fixture(scope="session")
def catalogue():
    """The Zwartsluis demo catalogue."""
    return Catalogue.from_csv(DEMO)
