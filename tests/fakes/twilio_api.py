"""A small fake of Twilio's REST API on 127.0.0.1, so that the real twilio client runs."""
from __future__ import annotations

import json
import re
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs


class FakeTwilioAPI:
    """Records every message and call the client creates; numbers in `unsubscribed` answer error 21610."""

    def __init__(self):
        self.messages: list[dict] = []
        self.calls: list[dict] = []
        self.unsubscribed: set[str] = set()
        self.failing: int = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                match = re.fullmatch(r"/2010-04-01/Accounts/(\w+)/Messages\.json", self.path)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(int(self.headers["Content-Length"])).decode()).items()}
                calls = re.fullmatch(r"/2010-04-01/Accounts/(\w+)/Calls\.json", self.path)
                if calls:
                    return self._call(calls.group(1), form)
                if not match:
                    return self._answer(404, {"code": 20404, "message": "not found", "status": 404})
                if fake.failing:
                    fake.failing -= 1
                    return self._answer(500, {"code": 20500, "message": "internal error", "status": 500})
                if form.get("To", "").removeprefix("whatsapp:") in fake.unsubscribed:
                    return self._answer(400, {"code": 21610, "message": "Attempt to send to unsubscribed recipient",
                                              "status": 400})
                message = {"sid": "SM" + uuid.uuid4().hex, "account_sid": match.group(1), "to": form.get("To"),
                           "from": form.get("From"), "body": form.get("Body"), "status": "queued",
                           "status_callback": form.get("StatusCallback"),
                           "content_sid": form.get("ContentSid"), "content_variables": form.get("ContentVariables")}
                fake.messages.append(message)
                self._answer(201, message)

            def _call(self, account_sid, form):
                call = {"sid": "CA" + uuid.uuid4().hex, "account_sid": account_sid, "to": form.get("To"),
                        "from": form.get("From"), "url": form.get("Url"), "status": "queued",
                        "status_callback": form.get("StatusCallback"), "fallback_url": form.get("FallbackUrl")}
                fake.calls.append(call)
                self._answer(201, call)

            def _answer(self, status, payload):
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
