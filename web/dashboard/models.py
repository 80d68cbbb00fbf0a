"""The accounts that may open a village's dashboard, each with its role."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from dorpslijn.db import Base, UTCDateTime, utcnow
from orders.models import Shop, Village

ROLES = ("coordinator", "board", "shopkeeper")  # board: the stichting's board, sees but cannot change


class Coordinator(Base):
    """A person who signs in to one village's dashboard with an e-mail address and a password.

    A coordinator runs the market; the board reads and changes nothing; a shopkeeper sees
    only their own shop (`shop_pk`).
    """

    __tablename__ = "coordinators"

    id: Mapped[int] = mapped_column(primary_key=True)
    village_id: Mapped[int] = mapped_column(ForeignKey("villages.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default="coordinator", server_default="coordinator")
    shop_pk: Mapped[int | None] = mapped_column(ForeignKey("shops.id"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    village: Mapped[Village] = relationship()
    shop: Mapped[Shop | None] = relationship()

    @property
    def may_change(self) -> bool:
        """Whether this account may change anything (the board may only look)."""
        return self.role != "board"
