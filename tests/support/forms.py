"""The dashboard's forms through Flask's test client: each post carries its page's CSRF token."""
from __future__ import annotations

import re


def csrf_token(client, path: str) -> str:
    """The CSRF token that the page at `path` puts in its forms."""
    page = client.get(path).get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
