"""A real Chromium for the browser tests: where it is, how it starts, where screenshots go, and signing in."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.support.accounts import EMAIL, PASSWORD

CHROMIUM = next((path for path in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium",
                                   shutil.which("chromium-browser")) if path and Path(path).exists()), None)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(os.environ.get("DASHBOARD_SCREENSHOTS", "/tmp/dorpslijn-screenshots"))

needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's chromium "
                                                             "(apt-get install chromium; .ci/run does) or set CHROMIUM")


def sign_in(page, email=EMAIL, password=PASSWORD):
    page.goto("/dashboard/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Aanmelden").click()
