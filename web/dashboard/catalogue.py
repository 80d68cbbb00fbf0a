"""The catalogue: products per shop, changing name and price, taking one off sale, adding one.

Every change tells the village's kept catalogue it is stale (orders/catalogue_cache.py), so the
next message is understood with the change.
"""
from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from orders.catalogue_cache import catalogue_changed
from orders.models import Product, Shop
from web.context import db
from web.dashboard.auth import own, village_id
from web.dashboard.editing import edit_page, form_for, saving
from web.dashboard.forms import NewProductForm, ProductForm

bp = Blueprint("catalogue", __name__, url_prefix="/catalogue")


@bp.get("/")
def index():
    """Every product, shop by shop; `?shop=` shows one shop."""
    shops = _shops()
    shown = [s for s in shops if str(s.id) == request.args.get("shop")] or shops
    products = db().scalars(select(Product).where(Product.village_id == village_id(),
                                                  Product.shop_pk.in_([s.id for s in shown]))
                            .order_by(Product.active.desc(), Product.category, Product.name)).all()
    by_shop = {shop.id: [] for shop in shown}
    for product in products:
        by_shop[product.shop_pk].append(product)
    return render_template("dashboard/catalogue.html", shops=shops, shown=shown, by_shop=by_shop)


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Add a product to one of the village's shops."""
    product = Product(village_id=village_id(), unit="stuk", active=True,
                      shop_pk=request.args.get("shop", type=int))
    form = form_for(NewProductForm, product)
    form.shop_pk.choices = [SelectChoice(shop.id, shop.name) for shop in _shops()]
    return edit_page(product, form, "dashboard/product_form.html", "dashboard.catalogue.index",
                     unique=("sku",), on_save=product_changed)


@bp.route("/<int:product_id>", methods=["GET", "POST"])
def edit(product_id: int):
    """Change a product's name, price, unit, category or description."""
    product = own(Product, product_id)
    return edit_page(product, form_for(ProductForm, product), "dashboard/product_form.html",
                     "dashboard.catalogue.index", on_save=product_changed)


@bp.post("/<int:product_id>/active")
def set_active(product_id: int):
    """Take a product off sale, or offer it again."""
    product = own(Product, product_id)
    with saving("product.active", product):
        product.active = request.form.get("active") == "1"
        product_changed(product)
    flash("product_on_sale" if product.active else "product_off_sale")
    return redirect(url_for(".index", shop=product.shop_pk))


def product_changed(product: Product) -> None:
    """The product's village sells something else now."""
    catalogue_changed(db(), product.village_id)


def _shops() -> list[Shop]:
    return db().scalars(select(Shop).where(Shop.village_id == village_id()).order_by(Shop.name)).all()
