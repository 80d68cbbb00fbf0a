"""Dashboard fixtures: a signed-in coordinator of the demo village, a day closed, and a second village beside it."""
from __future__ import annotations

import pytest

from cli.main import main
from dorpslijn.db import session_scope
from orders.models import Product, Resident, Shop, Task, Village
from tests.support.accounts import BAKER, BOARD, BUTCHER, EMAIL, OTHER_EMAIL, PASSWORD
from tests.support.forms import csrf_token
from tests.support.paper import order_day
from web.dashboard.accounts import set_coordinator


@pytest.fixture
def coordinator(settings, demo):
    """A coordinator account for the demo village of Zwartsluis."""
    with session_scope(settings.database_url) as session:
        set_coordinator(session, "zwartsluis", EMAIL, PASSWORD, name="Anja")
    return EMAIL


@pytest.fixture
def signed_in(client, coordinator):
    """The test client, signed in as the Zwartsluis coordinator."""
    response = client.post("/dashboard/login", data={"email": EMAIL, "password": PASSWORD,
                                                     "csrf_token": csrf_token(client, "/dashboard/login")})
    assert response.status_code == 302
    return client


@pytest.fixture
def accounts(settings, demo, coordinator):
    """Beside the coordinator: a board member, the baker and the butcher of Zwartsluis."""
    with session_scope(settings.database_url) as session:
        set_coordinator(session, "zwartsluis", BOARD, PASSWORD, name="Bestuur", role="board")
        set_coordinator(session, "zwartsluis", BAKER, PASSWORD, name="Bakker", role="shopkeeper", shop_id="korenschoof")
        set_coordinator(session, "zwartsluis", BUTCHER, PASSWORD, name="Slager", role="shopkeeper", shop_id="vandam")


@pytest.fixture
def closed_day(signed_in, phone, work, db):
    """The delivery day of four orders, closed: its rounds planned."""
    day = order_day(phone, work, db)
    assert main(["rounds", "close", "--date", day]) == 0
    work()
    db.expire_all()
    return day


@pytest.fixture
def giethoorn(settings, demo):
    """A second village with its own coordinator, resident, shop, product and open task."""
    with session_scope(settings.database_url) as session:
        village = Village(slug="giethoorn", name="Dorpswinkel Giethoorn", phone="+31852080999",
                          coordinator_phone="+31612300999")
        shop = Shop(village=village, shop_id="kaasboer", name="Kaasboerderij Het Punter", phone="+31612399901")
        session.add_all([village, shop])
        session.flush()
        session.add_all([
            Product(village_id=village.id, shop=shop, sku="KAAS-JONG", name="Punter kaas jong", unit="kg",
                    price_cents=1290),
            Resident(village_id=village.id, name="Geesje Punter", phone="+31612399902", address="Binnenpad 3"),
            Task(village_id=village.id, kind="call_back", phone="+31612399902", text="Bel Geesje terug"),
        ])
        session.flush()
        set_coordinator(session, "giethoorn", OTHER_EMAIL, PASSWORD)
        return {"village_id": village.id}
