"""The dashboard's forms through Flask's test client: each post carries its page's CSRF token."""
from __future__ import annotations

import re


def csrf_token(client, path: str) -> str:
    """The CSRF token that the page at `path` puts in its forms."""
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def post(client, path, data, page=None):
    """Post a dashboard form as the browser would: with the token from the page it is on."""
    return client.post(path, data={**data, "csrf_token": csrf_token(client, page or path)})
