"""The demo village's catalogue, read from the repository's own copy."""
import pytest

from orders.catalogue import Catalogue
from orders.understanding.lexicon import lexicon
from tests.support.demo import DEMO


@pytest.fixture(scope="session")
def catalogue():
    """The Zwartsluis demo catalogue."""
    return Catalogue.from_csv(DEMO)


@pytest.fixture
def use_glossary(tmp_path, monkeypatch):
    """Understand with a glossary of the given lines (phrase, relation, target, tag) instead of the shipped one."""

    def use(*lines):
        path = tmp_path / "glossary.tsv"
        path.write_text("# phrase\trelation\ttarget\ttag\n" + "".join("\t".join(line) + "\n" for line in lines), encoding="utf-8")
        monkeypatch.setenv("DORPSLIJN_GLOSSARY", str(path))
        lexicon.cache_clear()

    yield use
    monkeypatch.undo()
    lexicon.cache_clear()
