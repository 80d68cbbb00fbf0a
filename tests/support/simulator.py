"""The phone simulator's page in a real Chromium, used as a person would: pick a phone, text, read."""
from __future__ import annotations


class Simulator:
    """The simulator page: pick a phone, text from it, read what it got."""

    def __init__(self, page, work):
        self.page, self._work = page, work

    def pick(self, name):
        self.page.locator("nav.phones").get_by_role("button", name=name).click()

    def text(self, body):
        """Send a text and let the worker handle it once the webhook has stored it."""
        self.page.get_by_label("Bericht").fill(body)
        self.page.get_by_role("button", name="Stuur").click()
        self.page.locator("#log .in").filter(has_text=body).wait_for()
        self.work()

    def work(self):
        """The worker handles what the webhooks stored; the page shows it now, not at its next poll
        (every 1.5 s, which the stories would otherwise spend waiting)."""
        self._work()
        self.page.evaluate("refresh()")

    def received(self, *words):
        """The newest message this phone got that holds all these words, once it shows."""
        bubble = self.page.locator("#log .out")
        for word in words:
            bubble = bubble.filter(has_text=word)
        bubble.last.wait_for()
        return bubble.last.inner_text()
