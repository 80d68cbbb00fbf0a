"""Roles, audit and accessibility in a real Chromium: a shopkeeper answers an order on the page
and cannot open another shop's; the board cannot change a resident; an address change shows on
the audit page; every page the dashboard links to passes axe-core without a serious violation
and fits a tablet's screen.
The main pages are saved as screenshots in docs/screenshots/ for the README."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from orders.models import Product, Resident, Task
from tests.support.accounts import BAKER, BOARD, PASSWORD
from tests.support.browser import CHROMIUM, sign_in
from tests.support.outbox import orders_json
from tests.support.people import TRUUS

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
SERIOUS = ("serious", "critical")
MOST_PAGES = 60

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium found: install Debian's chromium "
                                                         "(apt-get install chromium; .ci/run does) or set CHROMIUM")


def place(phone, work, text):
    truus = phone(TRUUS)
    truus.text(text)
    truus.text("ja")
    work()


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def test_the_baker_accepts_an_order_and_marks_a_line_sold_out_but_sees_no_other_shop(page, accounts, phone, work,
                                                                                     capsys, db, giethoorn):
    place(phone, work, "4 krentenbollen, 2 witte bollen en een pond rundergehakt")
    number = orders_json(capsys)[-1]["number"]
    sign_in(page, BAKER, PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text() == "Bakkerij De Korenschoof"
    order = page.get_by_role("region", name=f"Bestelling {number}")
    assert "Krentenbol" in order.inner_text() and "Rundergehakt" not in page.locator("main").inner_text()
    assert "Truus" not in page.locator("body").inner_text()
    screenshot(page, "shopkeeper")

    order.get_by_role("button", name="Uitverkocht: Witte bol").click()
    assert "De bewoner krijgt bericht" in page.get_by_role("status").inner_text()
    page.get_by_role("region", name=f"Bestelling {number}").get_by_role("button", name=f"Bestelling {number} accepteren").click()
    assert "geaccepteerd" in page.get_by_role("status").inner_text()
    statuses = {so["shop_id"]: so["status"] for so in orders_json(capsys)[-1]["shop_orders"]}
    assert statuses == {"korenschoof": "accepted", "vandam": "sent"}

    gehakt = db.scalar(select(Product).where(Product.sku == "SLA-RUNDERGEHAKT"))
    kaas = db.scalar(select(Product).where(Product.sku == "KAAS-JONG"))
    truus = db.scalar(select(Resident).where(Resident.phone == TRUUS))
    for path in (f"/dashboard/catalogue/{gehakt.id}", f"/dashboard/catalogue/{kaas.id}", "/dashboard/residents/",
                 f"/dashboard/residents/{truus.id}", "/dashboard/", "/dashboard/messages/", "/dashboard/audit/"):
        response = page.goto(path)
        assert "Truus" not in page.locator("main").inner_text() and "Rundergehakt" not in page.locator("main").inner_text()
        assert response.status in (403, 404) or page.url.endswith("/dashboard/shop/"), path


def test_the_board_reads_a_resident_but_cannot_change_them(page, accounts, db):
    sign_in(page, BOARD, PASSWORD)
    page.get_by_role("link", name="Bewoners").click()
    page.get_by_role("link", name="Truus Lamberts").click()
    assert page.get_by_label("Adres", exact=True).input_value() == "Kerkstraat 4"
    assert page.get_by_label("Adres", exact=True).is_disabled()
    assert page.get_by_role("button", name="Opslaan").count() == 0
    assert page.locator("main").get_by_role("button").count() == 0


def test_an_address_change_shows_on_the_audit_page_with_before_and_after(page, coordinator, db):
    sign_in(page)
    page.get_by_role("link", name="Bewoners").click()
    page.get_by_role("link", name="Truus Lamberts").click()
    page.get_by_label("Adres", exact=True).fill("Havenstraat 9")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("link", name="Wijzigingen").click()
    row = page.get_by_role("row").filter(has_text="Bewoner gewijzigd")
    assert "Kerkstraat 4" in row.inner_text() and "Havenstraat 9" in row.inner_text()
    assert "anja@zwartsluis.test" in row.inner_text()
    screenshot(page, "audit")


def test_every_page_passes_axe_without_serious_violations(page, accounts, phone, work, db):
    place(phone, work, "4 krentenbollen en een pond rundergehakt")
    phone(TRUUS).text("BEL MIJ")
    work()
    sign_in(page)
    seen = crawl(page, "/dashboard/", passes_axe)
    assert len(seen) >= 12, seen
    page.get_by_role("button", name="Afmelden").click()
    assert not serious_violations(page), "the sign-in page"
    sign_in(page, BAKER, PASSWORD)
    assert len(crawl(page, "/dashboard/shop/", passes_axe)) >= 1


def test_every_page_fits_a_tablet_held_upright(page, accounts, phone, work, db):
    place(phone, work, "4 krentenbollen en een pond rundergehakt")
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page)
    assert len(crawl(page, "/dashboard/", fits_the_screen)) >= 12
    page.get_by_role("button", name="Afmelden").click()
    sign_in(page, BAKER, PASSWORD)
    assert len(crawl(page, "/dashboard/shop/", fits_the_screen)) >= 1


def test_the_checker_finds_a_field_without_a_label(page):
    page.set_content("<!doctype html><html lang='nl'><title>t</title><main><input type='text'></main></html>")
    assert any(v.startswith("label") for v in serious_violations(page))


def test_every_field_and_button_of_a_form_is_reached_with_the_tab_key(page, coordinator, db):
    sign_in(page)
    page.goto(f"/dashboard/residents/{db.scalar(select(Resident.id).where(Resident.phone == TRUUS))}")
    wanted = page.eval_on_selector_all("main input:not([type=hidden]), main select, main textarea, main button, main a[href]",
                                       "nodes => nodes.length")
    reached = set()
    for _ in range(wanted + 30):
        page.keyboard.press("Tab")
        reached.add(page.evaluate("() => document.activeElement.closest('main') ? "
                                  "[...document.querySelectorAll('main *')].indexOf(document.activeElement) : -1"))
    assert len(reached - {-1}) == wanted


def crawl(page, start: str, look) -> list[str]:
    """Open every dashboard page linked from `start` (one of each kind) and `look(page, path)` at
    each; the kinds of pages opened."""
    kinds, queue = [], [start]
    while queue and len(kinds) < MOST_PAGES:
        path = queue.pop(0)
        kind = re.sub(r"\d+", "N", urlsplit(path).path)
        if kind in kinds or not _html(page, path):
            continue
        kinds.append(kind)
        page.goto(path)
        look(page, kind)
        queue += [href for href in page.eval_on_selector_all("a[href^='/dashboard']", "links => links.map(a => a.getAttribute('href'))")]
    return kinds


def passes_axe(page, kind):
    """No serious finding of axe on the page; the main pages saved as screenshots."""
    violations = serious_violations(page)
    assert not violations, f"{page.url}: {violations}"
    if kind in MAIN_PAGES:
        screenshot(page, MAIN_PAGES[kind])


def fits_the_screen(page, kind):
    """Nothing on the page reaches beyond the screen's width: a wide table scrolls in its own box."""
    width = page.viewport_size["width"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width, f"{page.url} is wider than {width}"


MAIN_PAGES = {"/dashboard/": "tasks", "/dashboard/residents/": "residents", "/dashboard/residents/N": "resident",
              "/dashboard/orders/": "orders", "/dashboard/rounds/": "rounds", "/dashboard/catalogue/": "catalogue",
              "/dashboard/messages/": "messages"}


def _html(page, path: str) -> bool:
    """Whether the link leads to a page (not a download, not the way out)."""
    response = page.request.get(path, max_redirects=0)
    return response.status == 200 and response.headers.get("content-type", "").startswith("text/html")


def serious_violations(page) -> list[str]:
    """axe-core's serious and critical findings on the page: rule, and where."""
    from axe_playwright_python.sync_playwright import Axe
    results = Axe().run(page).response
    return [f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:3])}"
            for v in results["violations"] if v["impact"] in SERIOUS]
