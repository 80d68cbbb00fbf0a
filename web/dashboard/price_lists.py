"""A shop's price list uploaded as a CSV file: checked and shown as what it would change, applied
only when the coordinator confirms.

Between the preview and the confirmation the file waits in Redis under a random token, for
this village and shop only, for `KEPT_SECONDS`; a confirmation takes it away. The confirmation
checks the file again against the products as they are then: when that would change something
else than was shown, the new preview is shown instead (under a new token) and nothing is written.
"""
from __future__ import annotations

import logging
import secrets

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for

from orders import price_list
from orders.models import Shop, Village
from web.context import db, redis
from web.dashboard.auth import current, own
from web.dashboard.editing import saving

logger = logging.getLogger(__name__)

bp = Blueprint("price_lists", __name__, url_prefix="/shops")

KEPT_SECONDS = 60 * 60


@bp.get("/<int:shop_pk>/price-list")
def upload(shop_pk: int):
    """The form to upload the shop's price list."""
    return _page(own(Shop, shop_pk))


@bp.get("/<int:shop_pk>/price-list.csv")
def download(shop_pk: int):
    """The shop's products as they are now, in the upload's columns: a start for the spreadsheet."""
    shop = own(Shop, shop_pk)
    return Response(price_list.as_csv(db(), shop), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{shop.shop_id}-products.csv"'})


@bp.post("/<int:shop_pk>/price-list")
def check(shop_pk: int):
    """Check an uploaded file and show what it would change; nothing is written yet."""
    shop = own(Shop, shop_pk)
    upload_file = request.files.get("file")
    if upload_file is None or not upload_file.filename:
        return _page(shop, missing=True), 400
    data = upload_file.read(price_list.MAX_BYTES + 1)
    changes = price_list.compare(db(), shop, data)
    token = _keep(shop, data) if not changes.problems and changes.anything else ""
    return _page(shop, changes=changes, token=token), 400 if changes.problems else 200


@bp.post("/<int:shop_pk>/price-list/confirm")
def confirm(shop_pk: int):
    """Apply the file that was shown, in one transaction, when it still changes what was shown."""
    shop = own(Shop, shop_pk)
    token = request.form.get("token", "")
    data = _take(shop, token)
    if data is None:
        flash("price_list_expired")
        return redirect(url_for(".upload", shop_pk=shop.id))
    changes = price_list.compare(db(), shop, data)
    if changes.problems or changes.fingerprint != request.form.get("fingerprint"):
        token = _keep(shop, data) if not changes.problems and changes.anything else ""
        return _page(shop, changes=changes, token=token, moved=True), 409
    with saving("product.price_list", *[change.product for change in changes.changed], *changes.gone) as rows:
        rows += price_list.apply(db(), shop, changes)
    logger.info("price list of shop %s applied by %s", shop.shop_id, current().email)
    flash("price_list_applied")
    return redirect(url_for("dashboard.catalogue.index", shop=shop.id))


def _page(shop: Shop, changes=None, token="", missing=False, moved=False):
    village = db().get(Village, shop.village_id)
    return render_template("dashboard/price_list.html", shop=shop, changes=changes, token=token,
                           missing=missing, moved=moved, language=village.language)


def _key(token: str) -> str:
    return f"dorpslijn:price-list:{token}"


def _keep(shop: Shop, data: bytes) -> str:
    """Keep the file for the confirmation; the token that finds it again."""
    token = secrets.token_urlsafe(24)
    redis().hset(_key(token), mapping={"village_id": shop.village_id, "shop_pk": shop.id, "data": data})
    redis().expire(_key(token), KEPT_SECONDS)
    return token


def _take(shop: Shop, token: str) -> bytes | None:
    """The file kept under the token when it was uploaded for this shop, taken away at once: of two
    confirmations of one preview (a double click) only one gets it."""
    if not token:
        return None
    pipe = redis().pipeline(transaction=True)
    pipe.hgetall(_key(token))
    pipe.delete(_key(token))
    kept, _deleted = pipe.execute()
    if kept.get(b"village_id") != str(shop.village_id).encode() or kept.get(b"shop_pk") != str(shop.id).encode():
        return None
    return kept[b"data"]
