"""Shops: the list, and changing a shop's details and the channel its orders go to."""
from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import func, select

from orders.models import Product, Shop
from web.context import db
from web.dashboard.auth import own, village_id
from web.dashboard.editing import edit_page, form_for
from web.dashboard.forms import ShopForm

bp = Blueprint("shops", __name__, url_prefix="/shops")


@bp.get("/")
def index():
    """Every shop of the village, with how many products it offers."""
    rows = db().execute(
        select(Shop, func.count(Product.id)).outerjoin(Product, (Product.shop_pk == Shop.id) & Product.active)
        .where(Shop.village_id == village_id()).group_by(Shop.id).order_by(Shop.name)).all()
    return render_template("dashboard/shops.html", rows=rows)


@bp.route("/<int:shop_pk>", methods=["GET", "POST"])
def edit(shop_pk: int):
    """Change a shop's name, phone, channel, address or opening note."""
    shop = own(Shop, shop_pk)
    return edit_page(shop, form_for(ShopForm, shop), "dashboard/shop_form.html", "dashboard.shops.index",
                     unique=("phone",))
