"""A shop's price list as the dashboard takes it: the baker's lines of the demo, edited, uploaded and confirmed."""
from __future__ import annotations

import io
import re

from sqlalchemy import select

from orders.models import Shop
from tests.support.demo import DEMO
from tests.support.forms import csrf_token


def baker_csv(*edits, drop=(), add=()) -> str:
    """The baker's lines of the demo's products.csv, with (old, new) edits, skus dropped, lines added."""
    lines = (DEMO / "products.csv").read_text(encoding="utf-8").splitlines()
    kept = [lines[0]] + [line for line in lines[1:] if ",korenschoof," in line
                         and line.split(",")[0] not in drop]
    text = "\n".join(kept + list(add)) + "\n"
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    return text


CHANGED = baker_csv(("Krentenbol,stuk,0.85", "Krentenbol,stuk,0.95"), ("Witte bol,stuk", "Witte bol zacht,stuk"),
                    drop=("BAK-APPELFLAP",),
                    add=("BAK-SPELT-HEEL,korenschoof,Speltbrood heel,stuk,4.50,brood,ca. 800 gram",))
WITH_ERRORS = baker_csv(("Krentenbol,stuk,0.85", "Krentenbol,stuk,twee"), ("Witte bol,stuk", "Witte bol,doos"))


def baker(db) -> Shop:
    return db.scalar(select(Shop).where(Shop.shop_id == "korenschoof"))


def upload(client, shop, text: str, filename="bakker.csv"):
    path = f"/dashboard/shops/{shop.id}/price-list"
    return client.post(path, data={"csrf_token": csrf_token(client, path),
                                   "file": (io.BytesIO(text.encode("utf-8")), filename)},
                       content_type="multipart/form-data")


def confirm(client, shop, page: str, **override):
    form = dict(re.findall(r'name="(token|fingerprint|csrf_token)" value="([^"]*)"', page))
    return client.post(f"/dashboard/shops/{shop.id}/price-list/confirm", data={**form, **override})
