"""Every table, imported in one place so that migrations and `create_all` see them all."""
from dorpslijn.audit import AuditEvent  # noqa: F401
from dorpslijn.db import Base  # noqa: F401
from ivr.models import VoiceCall  # noqa: F401
from messaging.models import Conversation, InboundMessage, OutboundMessage  # noqa: F401
from orders.deliveries import Availability, DeliveryRound, RoundDay, RoundStop, ShopDay  # noqa: F401
from orders.models import Order, OrderLine, Product, Resident, Shop, ShopOrder, Task, Village, Volunteer  # noqa: F401
from orders.weekly_calls import WeeklyCall
from web.dashboard.models import Coordinator  # noqa: F401
