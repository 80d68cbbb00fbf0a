"""`dorpslijn import DIR`: a village from a folder of CSV files a coordinator can fill in.

Everything is read and checked first; a bad row is reported with its file and line and then
nothing of the import is written. Re-importing updates rows in place by their keys (`slug`,
`shop_id`, `sku`, `phone`) and never duplicates.
"""
from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from orders.catalogue import UNITS, price_cents
from orders.catalogue_cache import catalogue_changed
from orders.exceptions import BadValue, InvalidImport, InvalidPhone
from orders.models import Product, Resident, Shop, Village, Volunteer
from orders.phones import normalise

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    """One bad value in one row of one file; `code`, `column` and `value` say it in words people read."""

    file: str
    line: int
    message: str
    code: str = ""
    column: str = ""
    value: str = ""

    def __str__(self):
        return f"{self.file}:{self.line}: {self.message}"


def text(value):
    return value.strip()


def required(value):
    if not value.strip():
        raise BadValue("empty", "is empty")
    return value.strip()


def phone(value):
    try:
        return normalise(value)
    except InvalidPhone as exc:
        raise BadValue("not_a_phone", str(exc)) from exc


def optional_phone(value):
    return phone(value) if value.strip() else ""


def coordinate(value):
    if not value.strip():
        return None
    try:
        return float(value)
    except ValueError as exc:
        raise BadValue("not_a_coordinate", f"not a coordinate: {value!r}") from exc


def one_of(*choices, default=None):
    def check(value):
        value = value.strip().lower() or default
        if value not in choices:
            raise BadValue("not_one_of", f"must be one of {', '.join(choices)}, not {value!r}")
        return value
    return check


def yes_no(default):
    def check(value):
        value = value.strip().lower()
        if not value:
            return default
        if value not in ("ja", "nee", "yes", "no"):
            raise BadValue("not_yes_no", f"must be ja or nee, not {value!r}")
        return value in ("ja", "yes")
    return check


FILES = {
    "village.csv": {"slug": required, "name": required, "phone": phone, "whatsapp": optional_phone,
                    "language": one_of("nl", "en", default="nl"), "coordinator_phone": phone},
    "shops.csv": {"shop_id": required, "name": required, "kind": text, "phone": phone,
                  "address": text, "postcode": text, "lat": coordinate, "lon": coordinate,
                  "opening_note": text, "channel?": one_of("sms", "whatsapp", "telegram", default="sms"),
                  "order_list?": one_of("at_once", "at_cutoff", default="at_once")},
    "products.csv": {"sku": required, "shop_id": required, "name": required, "unit": one_of(*UNITS),
                     "price": price_cents, "category": text, "description": text},
    "customers.csv": {"name": required, "phone": phone, "address": text, "postcode": text,
                      "lat": coordinate, "lon": coordinate, "notes": text,
                      "language": one_of("nl", "en", default="nl"),
                      "payment": one_of("contant", "pin", "factuur", default="contant"),
                      "contact_name": text, "contact_phone": optional_phone,
                      "tell_delivered?": yes_no(default=True)},
    "volunteers.csv": {"name": required, "phone": phone, "days?": text},
}
OPTIONAL_FILES = {"customers.csv", "volunteers.csv"}
KEYS = {"village.csv": "slug", "shops.csv": "shop_id", "products.csv": "sku",
        "customers.csv": "phone", "volunteers.csv": "phone"}


def import_folder(session, folder) -> dict[str, int]:
    """Read, check and write a village folder; how many rows of each file were imported."""
    tables = read_folder(Path(folder))
    village = _write(session, tables)
    logger.info("imported village %s", village.slug)
    return {name: len(rows) for name, rows in tables.items()}


def read_folder(folder: Path) -> dict[str, list[dict]]:
    """Every file's rows as checked values; raises InvalidImport listing every problem."""
    problems: list[Problem] = []
    tables = {}
    for name in FILES:
        path = folder / name
        if not path.exists():
            if name not in OPTIONAL_FILES:
                problems.append(Problem(name, 0, "file is missing", "missing_file"))
            tables[name] = []
            continue
        tables[name] = _read_file(path, problems)
    problems += _cross_checks(tables)
    if problems:
        raise InvalidImport(problems)
    return tables


def _read_file(path: Path, problems: list[Problem]) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return read_rows(path.name, f, problems)


def read_rows(name: str, lines, problems: list[Problem]) -> list[dict]:
    """The checked rows of file `name` read from `lines`, adding a Problem for each bad value or duplicate key."""
    columns, rows, seen = FILES[name], [], {}
    reader = csv.DictReader(lines)
    header = set(reader.fieldnames or [])
    missing = [c for c in columns if not c.endswith("?") and c not in header]
    if missing:
        problems.append(Problem(name, 1, f"missing columns: {', '.join(missing)}", "missing_columns",
                                value=", ".join(missing)))
        return []
    for row in reader:
        line = reader.line_num
        values = _check_row(name, line, row, columns, problems)
        if values is None:
            continue
        key = values[KEYS[name]]
        if key in seen:
            problems.append(Problem(name, line, f"{key} is also on line {seen[key]}", "duplicate",
                                    KEYS[name], str(seen[key])))
        seen[key] = line
        values["_line"] = line
        rows.append(values)
    return rows


def _check_row(file, line, row, columns, problems):
    """One row's values, or None after adding its problems."""
    values, ok = {}, True
    for column, check in columns.items():
        name = column.rstrip("?")
        try:
            values[name] = check(row.get(name) or "")
        except BadValue as exc:
            problems.append(Problem(file, line, f"{name} {exc}", exc.code, name, (row.get(name) or "").strip()))
            ok = False
    return values if ok else None


def _cross_checks(tables) -> list[Problem]:
    """Problems between files: one village, products of known shops."""
    problems = []
    if len(tables["village.csv"]) != 1:
        problems.append(Problem("village.csv", 2, "must hold exactly one village", "one_village"))
    shop_ids = {s["shop_id"] for s in tables["shops.csv"]}
    for product in tables["products.csv"]:
        if product["shop_id"] not in shop_ids:
            problems.append(Problem("products.csv", product["_line"], f"unknown shop_id {product['shop_id']}",
                                    "unknown_shop", "shop_id", product["shop_id"]))
    return problems


def _write(session, tables) -> Village:
    """Insert or update every row, keyed as the files are."""
    values = tables["village.csv"][0]
    village = session.scalar(select(Village).where(Village.slug == values["slug"])) or Village()
    _assign(village, values)
    session.add(village)
    session.flush()
    shops = {}
    for values in tables["shops.csv"]:
        shops[values["shop_id"]] = _upsert(session, Shop, village, Shop.shop_id, values["shop_id"], values)
    for values in tables["products.csv"]:
        product = _upsert(session, Product, village, Product.sku, values["sku"],
                          {**values, "price_cents": values["price"], "shop_pk": shops[values["shop_id"]].id,
                           "active": True})
        product.shop = shops[values["shop_id"]]
    for values in tables["customers.csv"]:
        _upsert(session, Resident, village, Resident.phone, values["phone"], values)
    for values in tables["volunteers.csv"]:
        _upsert(session, Volunteer, village, Volunteer.phone, values["phone"], values)
    catalogue_changed(session, village.id)
    return village


def _upsert(session, model, village, key_column, key, values):
    """The row of this village with this key, created when new, with `values` assigned."""
    row = session.scalar(select(model).where(model.village_id == village.id, key_column == key))
    if row is None:
        row = model(village_id=village.id)
        session.add(row)
    _assign(row, values)
    session.flush()
    return row


def _assign(row, values):
    """Set the attributes the model has from the values."""
    for name, value in values.items():
        if not name.startswith("_") and hasattr(type(row), name):
            setattr(row, name, value)
