"""Every table, imported in one place so that migrations and `create_all` see them all."""
from bots.models import Conversation  # noqa: F401
from messaging.models import InboundMessage, OutboundMessage
from dorpslijn.audit import AuditEvent  # noqa: F401
from dorpslijn.db import Base  # noqa: F401
from orders.models import (Order, OrderLine, Product, Resident, Shop, ShopOrder,  # noqa: F401
                           Task, Village, Volunteer)
from orders.deliveries import Availability, DeliveryRound, RoundDay, RoundStop, ShopDay  # noqa: F401
from ivr.models import VoiceCall, WeeklyCall  # noqa: F401
from web.dashboard.models import Coordinator  # noqa: F401
