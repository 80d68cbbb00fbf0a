"""`dorpslijn import`: a coordinator's spreadsheet folder becomes a village, or nothing at all."""
import io
import shutil

import pytest
from sqlalchemy import func, select

from cli.main import main
from orders.models import Product, Resident, Shop, Village, Volunteer
from tests.support.demo import DEMO


def count(db, model):
    return db.scalar(select(func.count()).select_from(model))


def copy_demo(tmp_path):
    folder = tmp_path / "village"
    shutil.copytree(DEMO, folder)
    return folder


def test_demo_village_imports_with_phones_in_e164(settings, db):
    assert main(["import", str(DEMO)]) == 0
    assert count(db, Village) == 1 and count(db, Shop) == 7 and count(db, Product) == 181
    phones = set(db.scalars(select(Resident.phone)))
    assert phones == {"+31612345601", "+31612345602", "+31612345603", "+31612345604", "+31612345605"}
    truus = db.scalar(select(Resident).where(Resident.phone == "+31612345601"))
    assert truus.contact_phone == "+31612345651" and truus.payment == "contant"
    assert db.scalar(select(Product.price_cents).where(Product.sku == "SLA-RUNDERGEHAKT")) == 1595


def test_reimport_updates_in_place_and_never_duplicates(settings, db, tmp_path):
    folder = copy_demo(tmp_path)
    assert main(["import", str(folder)]) == 0
    products = (folder / "products.csv").read_text().replace("Krentenbol,stuk,0.85", "Krentenbol,stuk,0.95")
    (folder / "products.csv").write_text(products)
    assert main(["import", str(folder)]) == 0
    db.expire_all()
    assert count(db, Product) == 181 and count(db, Resident) == 5 and count(db, Volunteer) == 2
    assert db.scalar(select(Product.price_cents).where(Product.sku == "BAK-KRENTENBOL")) == 95


def test_a_price_written_with_a_comma_imports_and_parses_alike(settings, db, tmp_path, capsys, monkeypatch):
    folder = copy_demo(tmp_path)
    products = (folder / "products.csv").read_text().replace("Krentenbol,stuk,0.85", 'Krentenbol,stuk,"0,95"')
    (folder / "products.csv").write_text(products)
    assert main(["import", str(folder)]) == 0
    assert db.scalar(select(Product.price_cents).where(Product.sku == "BAK-KRENTENBOL")) == 95
    monkeypatch.setattr("sys.stdin", io.StringIO('{"id": "m1", "text": "4 krentenbollen"}\n'))
    capsys.readouterr()
    assert main(["parse", "--catalogue", str(folder)]) == 0
    assert '"sku": "BAK-KRENTENBOL", "quantity": 4' in capsys.readouterr().out


@pytest.mark.parametrize("file,bad,good,expected", [
    ("products.csv", "Krentenbol,stuk,0.85", "Krentenbol,stuk,twee", "products.csv:16: price"),
    ("products.csv", "Krentenbol,stuk,", "Krentenbol,doos,", "products.csv:16: unit"),
    ("customers.csv", "06-12345601", "bel mij", "customers.csv:2: phone"),
    ("products.csv", "BAK-KRENTENBOL,korenschoof", "BAK-KRENTENBOL,bakkerpiet", "products.csv:16: unknown shop_id"),
])
def test_a_bad_row_is_reported_by_file_and_line_and_nothing_is_written(settings, db, tmp_path, capsys,
                                                                       file, bad, good, expected):
    folder = copy_demo(tmp_path)
    path = folder / file
    path.write_text(path.read_text().replace(bad, good, 1))
    assert main(["import", str(folder)]) == 1
    assert expected in capsys.readouterr().err
    assert count(db, Village) == 0 and count(db, Product) == 0


def test_a_missing_required_file_is_reported(settings, db, tmp_path, capsys):
    folder = copy_demo(tmp_path)
    (folder / "shops.csv").unlink()
    assert main(["import", str(folder)]) == 1
    assert "shops.csv:0: file is missing" in capsys.readouterr().err
