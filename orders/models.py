"""The market's tables: villages, shops, products, residents, volunteers, orders, tasks.

Every row belongs to a village: one installation serves many villages. Money is in cents.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dorpslijn.db import Base, UTCDateTime, utcnow


class Village(Base):
    """One village market, reached on its own phone number."""

    __tablename__ = "villages"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(32), unique=True)
    whatsapp: Mapped[str] = mapped_column(String(32), default="")
    language: Mapped[str] = mapped_column(String(2), default="nl")
    coordinator_phone: Mapped[str] = mapped_column(String(32), default="")
    delivery_days: Mapped[str] = mapped_column(String(40), default="di,vr")
    cutoff_time: Mapped[str] = mapped_column(String(5), default="18:00")
    cutoff_days_before: Mapped[int] = mapped_column(Integer, default=1)
    next_order_number: Mapped[int] = mapped_column(Integer, default=101)
    catalogue_version: Mapped[int] = mapped_column(Integer, default=1)

    shops: Mapped[list["Shop"]] = relationship(back_populates="village", order_by="Shop.id")


class Shop(Base):
    """A shop of the village market; it gets its part of each order as a message."""

    __tablename__ = "shops"
    __table_args__ = (UniqueConstraint("village_id", "shop_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    shop_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40), default="")
    phone: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    opening_note: Mapped[str] = mapped_column(Text, default="")
    channel: Mapped[str] = mapped_column(String(10), default="sms")
    telegram_chat_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    order_list: Mapped[str] = mapped_column(String(10), default="at_once")  # or at_cutoff: one list

    village: Mapped[Village] = relationship(back_populates="shops")
    products: Mapped[list["Product"]] = relationship(back_populates="shop")


class Product(Base):
    """Something a shop sells, priced per unit in cents."""

    __tablename__ = "products"
    __table_args__ = (UniqueConstraint("village_id", "sku"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    shop_pk: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(8))
    price_cents: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(60), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    unavailable_on: Mapped[date | None] = mapped_column(Date, nullable=True)  # the shop's "vandaag niet"

    shop: Mapped[Shop] = relationship(back_populates="products")


class Resident(Base):
    """Someone who orders: registered by the coordinator, or new and still to be checked."""

    __tablename__ = "residents"
    __table_args__ = (UniqueConstraint("village_id", "phone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(32))
    address: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(10), default="")
    lat: Mapped[float | None] = mapped_column(Float, nullable=True)
    lon: Mapped[float | None] = mapped_column(Float, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(2), default="nl")
    payment: Mapped[str] = mapped_column(String(10), default="contant")
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    contact_phone: Mapped[str] = mapped_column(String(32), default="")
    checked: Mapped[bool] = mapped_column(Boolean, default=True)
    opted_out: Mapped[bool] = mapped_column(Boolean, default=False)
    tell_delivered: Mapped[bool] = mapped_column(Boolean, default=True)  # a text when delivered
    telegram_chat_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    wrote_on: Mapped[str | None] = mapped_column(String(16), nullable=True)  # the channel of their last message
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    contact_copies: Mapped[bool] = mapped_column(Boolean, default=False)  # contact gets copies
    standing_order_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # "elke week"
    standing_read_back_for: Mapped[date | None] = mapped_column(Date, nullable=True)
    reminder_weekday: Mapped[int | None] = mapped_column(Integer, nullable=True)  # Monday 0
    reminder_hour: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reminder_sent_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)  # orders kept, person gone

    village: Mapped[Village] = relationship()


class Volunteer(Base):
    """Someone who rides delivery rounds on the days they name."""

    __tablename__ = "volunteers"
    __table_args__ = (UniqueConstraint("village_id", "phone"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(32))
    days: Mapped[str] = mapped_column(String(40), default="")
    capacity_bags: Mapped[int] = mapped_column(Integer, default=12)
    telegram_chat_id: Mapped[str | None] = mapped_column(String(32), nullable=True)


class Order(Base):
    """A resident's order, split over shops. A `draft` is a basket still being read back."""

    __tablename__ = "orders"
    __table_args__ = (  # the board's figures read the counted orders from this index alone (orders/figures.py)
        UniqueConstraint("village_id", "number"),
        Index("ix_orders_counted", "village_id", "status", "delivery_date", "resident_id", "channel"))

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    resident_id: Mapped[int] = mapped_column(ForeignKey("residents.id"), index=True)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    delivery_date: Mapped[date] = mapped_column(Date, index=True)
    channel: Mapped[str] = mapped_column(String(10), default="sms")
    placed_by: Mapped[str] = mapped_column(String(32), default="")
    taken_by_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the coordinator, channel "staff"
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    needs_check: Mapped[bool] = mapped_column(Boolean, default=False)  # resident not yet checked
    read_back_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    coordinator_told_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    resident: Mapped[Resident] = relationship()
    shop_orders: Mapped[list["ShopOrder"]] = relationship(
        back_populates="order", order_by="ShopOrder.id", cascade="all, delete-orphan")

    @property
    def lines(self) -> list["OrderLine"]:
        """Every line of the order, shop by shop."""
        return [line for so in self.shop_orders for line in so.lines]

    @property
    def total_cents(self) -> int:
        """What the resident pays: every line that was not sold out."""
        return sum(so.total_cents for so in self.shop_orders)


class ShopOrder(Base):
    """One shop's part of an order."""

    __tablename__ = "shop_orders"
    __table_args__ = (UniqueConstraint("order_id", "shop_pk"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"), index=True)
    shop_pk: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True)
    status: Mapped[str] = mapped_column(String(16), default="new")
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    order: Mapped[Order] = relationship(back_populates="shop_orders")
    shop: Mapped[Shop] = relationship()
    lines: Mapped[list["OrderLine"]] = relationship(
        back_populates="shop_order", order_by="OrderLine.id", cascade="all, delete-orphan")

    @property
    def total_cents(self) -> int:
        """This shop's part of the order, without what it had sold out."""
        return sum(line.total_cents for line in self.lines if not line.sold_out)


class OrderLine(Base):
    """A product, a quantity in the product's unit, and the price per unit when ordered."""

    __tablename__ = "order_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_order_id: Mapped[int] = mapped_column(ForeignKey("shop_orders.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(8))
    quantity: Mapped[Decimal] = mapped_column(Numeric(10, 3))
    price_cents: Mapped[int] = mapped_column(Integer)
    sold_out: Mapped[bool] = mapped_column(Boolean, default=False)

    shop_order: Mapped[ShopOrder] = relationship(back_populates="lines")

    @property
    def total_cents(self) -> int:
        """Quantity times price, rounded to the cent."""
        return int((self.quantity * self.price_cents).quantize(Decimal(1), rounding="ROUND_HALF_UP"))


class Task(Base):
    """Something that needs a person: an unclear item, a voice note, a call-back request."""

    __tablename__ = "tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    phone: Mapped[str] = mapped_column(String(32), default="")
    resident_id: Mapped[int | None] = mapped_column(ForeignKey("residents.id"), nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    resident: Mapped[Resident | None] = relationship()


class LearnedWord(Base):
    """A village's own word for one of its products, taught by the coordinator from an unclear word."""

    __tablename__ = "learned_words"
    __table_args__ = (UniqueConstraint("village_id", "word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    word: Mapped[str] = mapped_column(String(200))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    taught_by: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    product: Mapped[Product] = relationship()
