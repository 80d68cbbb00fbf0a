"""The dashboard's test accounts, by e-mail address (every one has PASSWORD), and signing in with one."""
from __future__ import annotations

from tests.support.forms import csrf_token

EMAIL = "anja@zwartsluis.test"
PASSWORD = "boodschappen-2026"
OTHER_EMAIL = "piet@giethoorn.test"
BOARD = "bestuur@zwartsluis.test"
BAKER = "bakker@zwartsluis.test"
BUTCHER = "slager@zwartsluis.test"


def sign_in(client, email):
    """Sign the client in with the account of `email` (every test account has PASSWORD)."""
    response = client.post("/dashboard/login", data={"email": email, "password": PASSWORD,
                                                     "csrf_token": csrf_token(client, "/dashboard/login")})
    assert response.status_code == 302
    return response
