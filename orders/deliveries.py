"""The delivery tables: a village's delivery day, its rounds and their stops, and who rides.

A `RoundDay` is closed once: from then on that day's orders are frozen. Each volunteer who
rides gets one `DeliveryRound`, a numbered list of `RoundStop`s (pick-ups first, then doors).
"""
from __future__ import annotations

import datetime as dt
from datetime import datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dorpslijn.db import Base, UTCDateTime
from orders.models import Order, Shop, Volunteer


class RoundDay(Base):
    """One delivery day of a village, and what was done for it before and at its cut-off."""

    __tablename__ = "round_days"
    __table_args__ = (UniqueConstraint("village_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    riders_checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ShopDay(Base):
    """One shop on one delivery day: its reminder, the coordinator's alert, its packing list."""

    __tablename__ = "shop_days"
    __table_args__ = (UniqueConstraint("shop_pk", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shop_pk: Mapped[int] = mapped_column(ForeignKey("shops.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    coordinator_alerted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class Availability(Base):
    """A volunteer's word for one delivery day: riding after all, or not this time."""

    __tablename__ = "availabilities"
    __table_args__ = (UniqueConstraint("volunteer_id", "date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date)
    available: Mapped[bool] = mapped_column(Boolean)


class DeliveryRound(Base):
    """One volunteer's round on one delivery day."""

    __tablename__ = "delivery_rounds"
    __table_args__ = (UniqueConstraint("village_id", "date", "volunteer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteers.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    distance_m: Mapped[int] = mapped_column(Integer, default=0)
    duration_s: Mapped[int] = mapped_column(Integer, default=0)
    bags: Mapped[int] = mapped_column(Integer, default=0)

    volunteer: Mapped[Volunteer] = relationship()
    stops: Mapped[list["RoundStop"]] = relationship(
        back_populates="round", order_by="RoundStop.position", cascade="all, delete-orphan")


class RoundStop(Base):
    """A numbered stop of a round: a shop to collect from, or a door with an order.

    A door has the resident's time window and, once reported, its outcome (`delivered` or
    `not_home`) and what the volunteer collected.
    """

    __tablename__ = "round_stops"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("delivery_rounds.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    shop_pk: Mapped[int | None] = mapped_column(ForeignKey("shops.id"), nullable=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), nullable=True, index=True)
    eta: Mapped[datetime] = mapped_column(UTCDateTime)
    window_from: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    window_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    placed_by_postcode: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str] = mapped_column(String(10), default="")
    collected_cents: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reported_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    round: Mapped[DeliveryRound] = relationship(back_populates="stops")
    shop: Mapped[Shop | None] = relationship()
    order: Mapped[Order | None] = relationship()
