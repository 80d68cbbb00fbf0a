"""Print real conversations with the demo village, one per text channel, for the README.

    .venv/bin/python scripts/transcripts.py

Each message goes through the real signed webhook, the queue and a worker, in a throwaway
installation (console transport, the demo village, a fixed clock on a Monday morning), so the
transcripts show exactly what the templates say today.
"""
from __future__ import annotations

import os
import sys
import tempfile
from itertools import count
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VILLAGE = "+31852080300"
TRUUS, BAKER, BUTCHER = "+31612345601", "+31612345621", "+31612345622"
SHOPS = {BAKER: "bakker", BUTCHER: "slager"}
_ids = count(1)


def main():
    folder = tempfile.mkdtemp(prefix="dorpslijn-transcripts-")
    os.environ.update(DORPSLIJN_INSTANCE=folder, DORPSLIJN_TRANSPORT="console", DATABASE_URL="",
                      REDIS_URL="", PUBLIC_BASE_URL="https://dorpslijn.example",
                      DORPSLIJN_CLOCK="2026-11-23T09:12:00+01:00")
    from cli.main import main as dorpslijn
    from dorpslijn.redis_server import stop_embedded
    dorpslijn(["setup"])
    try:
        village = Village()
        print("**SMS**\n\n```")
        village.conversation(village.sms(TRUUS), ["Goedemorgen, graag 4 krentenbollen en een pond gehakt. Groetjes Truus",
                                                  "ook een brood", "1", "JA"])
        village.shop_replies(["OK {number}"])
        print("```\n\n**WhatsApp**\n\n```")
        village.conversation(village.sms(TRUUS, "whatsapp:"), ["hetzelfde als vorige week", "geen gehakt", "ja"])
        print("```\n\n**Telegram**\n\n```")
        village.conversation(village.telegram(TRUUS), ["/start", None, "2 liter melk en 6 eieren", "2"])
        print("```")
    finally:
        stop_embedded(Path(folder))


class Village:
    """The demo village's web app and worker, and the outbox read since the last look."""

    def __init__(self):
        from dorpslijn.config import load_settings
        from dorpslijn.redis_server import connect
        from web import create_app
        self.settings = load_settings()
        self.client = create_app(self.settings).test_client()
        self.redis = connect(self.settings)
        self.seen = 0
        self.number = None

    def sms(self, number, prefix=""):
        """Send one text as Twilio would post it, signed."""
        from twilio.request_validator import RequestValidator

        def send(body):
            form = {"MessageSid": f"SM{next(_ids):032d}", "From": prefix + number, "To": prefix + VILLAGE,
                    "Body": body, "NumMedia": "0"}
            url = self.settings.public_base_url + "/twilio/messages"
            signature = RequestValidator(self.settings.twilio_auth_token).compute_signature(url, form)
            self.client.post("/twilio/messages", data=form, headers={"X-Twilio-Signature": signature})
        return send

    def telegram(self, number):
        """Send one Telegram message (None: tap the button that shares the phone number)."""
        chat = {"id": 7001, "type": "private", "first_name": "Truus"}

        def send(body):
            fields = {"text": body} if body is not None else {
                "contact": {"phone_number": number.lstrip("+"), "first_name": "Truus", "user_id": 7001}}
            update = {"update_id": next(_ids), "message": {"message_id": next(_ids), "date": 1_700_000_000,
                                                           "chat": chat, "from": {**chat, "is_bot": False}, **fields}}
            self.client.post("/telegram/webhook", json=update,
                             headers={"X-Telegram-Bot-Api-Secret-Token": self.settings.telegram_webhook_secret})
        return send

    def conversation(self, send, bodies):
        for body in bodies:
            said("Truus", body if body is not None else "(tikt op de knop: deel mijn telefoonnummer)")
            send(body)
            self.show_new()

    def shop_replies(self, bodies):
        for shop, name in SHOPS.items():
            for body in bodies:
                body = body.format(number=self.number)
                said(name, body)
                self.sms(shop)(body)
                self.show_new()

    def show_new(self):
        from rq import SimpleWorker

        from messaging.reports import outbox_rows
        from dorpslijn.db import session_scope
        from worker.queues import ALL, queue
        SimpleWorker([queue(self.redis, name) for name in ALL], connection=self.redis).work(burst=True)
        with session_scope(self.settings.database_url) as session:
            rows = list(outbox_rows(session))[self.seen:]
            self.seen += len(rows)
            for row in rows:
                who = SHOPS.get(row["to"], "Dorpslijn" if row["to"] in (TRUUS, "7001") else "coördinator")
                said(f"→ {who}", row["body"])
            self.number = self.number or _order_number(session)


def said(who: str, text: str) -> None:
    """One message of the transcript: who, then the text, its later lines indented."""
    first, *rest = text.splitlines() or [""]
    print(f"{who:<13} {first}")
    for line in rest:
        print(" " * 14 + line)


def _order_number(session):
    from sqlalchemy import select

    from orders.models import Order
    return session.scalar(select(Order.number).where(Order.number.is_not(None)))


if __name__ == "__main__":
    main()
