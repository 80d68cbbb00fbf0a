"""A small fake of Twilio's REST API on 127.0.0.1, so that the real twilio client runs."""
from __future__ import annotations

import re
import uuid
from urllib.parse import parse_qs

from tests.support.fakes.json_api import FakeJSONAPI

RESOURCE = re.compile(r"/2010-04-01/Accounts/(\w+)/(Messages|Calls)\.json")


class FakeTwilioAPI(FakeJSONAPI):
    """Records every message and call the client creates; numbers in `unsubscribed` answer error 21610."""

    def __init__(self):
        super().__init__()
        self.messages: list[dict] = []
        self.calls: list[dict] = []
        self.unsubscribed: set[str] = set()
        self.failing: int = 0

    def post(self, path: str, form: str) -> tuple[int, dict]:
        match = RESOURCE.fullmatch(path)
        if not match:
            return 404, {"code": 20404, "message": "not found", "status": 404}
        fields = {k: v[0] for k, v in parse_qs(form).items()}
        account_sid, resource = match.groups()
        if resource == "Calls":
            return self._call(account_sid, fields)
        return self._message(account_sid, fields)

    def _message(self, account_sid: str, form: dict) -> tuple[int, dict]:
        if self.failing:
            self.failing -= 1
            return 500, {"code": 20500, "message": "internal error", "status": 500}
        if form.get("To", "").removeprefix("whatsapp:") in self.unsubscribed:
            return 400, {"code": 21610, "message": "Attempt to send to unsubscribed recipient", "status": 400}
        message = {"sid": "SM" + uuid.uuid4().hex, "account_sid": account_sid, "to": form.get("To"),
                   "from": form.get("From"), "body": form.get("Body"), "status": "queued",
                   "status_callback": form.get("StatusCallback"),
                   "content_sid": form.get("ContentSid"), "content_variables": form.get("ContentVariables")}
        self.messages.append(message)
        return 201, message

    def _call(self, account_sid: str, form: dict) -> tuple[int, dict]:
        call = {"sid": "CA" + uuid.uuid4().hex, "account_sid": account_sid, "to": form.get("To"),
                "from": form.get("From"), "url": form.get("Url"), "status": "queued",
                "status_callback": form.get("StatusCallback"), "fallback_url": form.get("FallbackUrl")}
        self.calls.append(call)
        return 201, call
