"""A shopkeeper's own page: this week's orders of their shop, line by line to pack, and its products.

Accepting an order and marking a line sold out do what `OK 123` and `OP 123 ...` do by text
(orders/shop_orders.py), and the resident hears of a sold-out line the same way; "vandaag
niet" keeps a product out of today's orders. Only the shop's own part of an order is shown:
its number, day and lines, nothing of the resident.
"""
from __future__ import annotations

from datetime import timedelta

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bots import alternatives
from messaging.outbox import put_all
from orders import ordering, shop_orders
from orders.calendar import TIMEZONE
from orders.models import Order, Product, Shop, ShopOrder
from web.context import db, redis, settings
from web.dashboard.auth import current
from web.dashboard.editing import saving
from worker.sending import commit_and_send

bp = Blueprint("shop", __name__, url_prefix="/shop")

WEEK = timedelta(days=7)


@bp.get("/")
def index():
    """This week's orders to pack, soonest first, and the shop's products."""
    shop = own_shop()
    today = settings().now().astimezone(TIMEZONE).date()
    parts = db().scalars(
        select(ShopOrder).join(Order)
        .where(ShopOrder.shop_pk == shop.id, Order.status == "confirmed", Order.delivery_date >= today,
               Order.delivery_date < today + WEEK)
        .options(selectinload(ShopOrder.lines), selectinload(ShopOrder.order))
        .order_by(Order.delivery_date, Order.number)).all()
    products = db().scalars(select(Product).where(Product.shop_pk == shop.id, Product.active.is_(True))
                            .order_by(Product.category, Product.name)).all()
    return render_template("dashboard/shop.html", shop=shop, parts=parts, products=products,
                           off_today={p.id for p in products if ordering.off_today(p, settings().now())})


@bp.post("/orders/<int:number>/accept")
def accept(number: int):
    """The page's `OK 123`: the shop will have its part of the order ready."""
    part = own_part(number)
    with saving("shop_order.accept", part):
        shop_orders.accept(part, settings().now())
    flash("shop_accepted")
    return redirect(url_for(".index"))


@bp.post("/orders/<int:number>/lines/<int:line_id>/sold-out")
def sold_out(number: int, line_id: int):
    """The page's `OP 123 <this line>`: the line is sold out, and the resident is told and offered another."""
    part = own_part(number)
    line = next((line for line in part.lines if line.id == line_id), None)
    if line is None:
        abort(404)
    with saving("order_line.sold_out", line):
        marked = shop_orders.mark_lines_sold_out(db(), part, [line], settings().now())
        put_all(db(), part.order.village_id, alternatives.tell_resident(db(), marked) if marked.lines else [])
    commit_and_send(db(), redis())
    flash("shop_sold_out")
    return redirect(url_for(".index"))


@bp.post("/products/<int:product_id>/today")
def today(product_id: int):
    """"Vandaag niet": the product cannot be ordered for the rest of today; or it can again."""
    product = db().get(Product, product_id)
    if product is None or product.shop_pk != own_shop().id:
        abort(404)
    off = request.form.get("off") == "1"
    with saving("product.off_today" if off else "product.on_today", product):
        ordering.set_off_today(db(), product, settings().now(), off)
    flash("product_off_today" if off else "product_on_today")
    return redirect(url_for(".index"))


def own_shop() -> Shop:
    """The signed-in shopkeeper's shop."""
    return current().shop


def own_part(number: int) -> ShopOrder:
    """The shop's part of order `number`, when it may still answer for it (as by text), else 404."""
    found = shop_orders.find(db(), own_shop(), number)
    if found.shop_order is None:
        abort(404)
    return found.shop_order
