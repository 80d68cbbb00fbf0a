"""A small fake of Telegram's Bot API on 127.0.0.1, so that python-telegram-bot's real Bot runs.

It answers the methods Dorpslijn calls (getMe, sendMessage, setWebhook, deleteWebhook,
getUpdates), records every call, and can answer 429 (flood control, with `retry_after`) or
403 (the user blocked the bot) for chosen chats.
"""
from __future__ import annotations

import json
import re
import time
from urllib.parse import parse_qs

from tests.support.fakes.json_api import FakeJSONAPI

TOKEN = "123456789:TEST-token-for-the-fake-bot-api"
BOT = {"id": 123456789, "is_bot": True, "first_name": "Dorpslijn", "username": "dorpslijn_test_bot",
       "can_join_groups": False, "can_read_all_group_messages": False, "supports_inline_queries": False}


class FakeTelegramAPI(FakeJSONAPI):
    """Bot API calls land in `calls`; `updates` wait for getUpdates; `blocked` and `flooded` chats fail."""

    def __init__(self, token: str = TOKEN):
        super().__init__()
        self.token = token
        self.calls: list[tuple[str, dict]] = []
        self.updates: list[dict] = []
        self.webhook: dict = {}
        self.blocked: set[str] = set()
        self.flooded: dict[str, int] = {}  # chat id -> retry_after, answered once

    def sent(self, chat_id: str | None = None) -> list[dict]:
        """The messages sent, with `reply_markup` as a dict, optionally to one chat."""
        return [params for method, params in self.calls
                if method == "sendMessage" and (chat_id is None or params["chat_id"] == str(chat_id))]

    def methods(self) -> list[str]:
        return [method for method, _ in self.calls]

    def answer(self, method: str, params: dict) -> tuple[int, dict]:
        """What the Bot API answers to one call."""
        if method == "getMe":
            return _ok(BOT)
        if method == "setWebhook":
            self.webhook = params
            return _ok(True)
        if method == "deleteWebhook":
            self.webhook = {}
            return _ok(True)
        if method == "getUpdates":
            if self.webhook:
                return 409, {"ok": False, "error_code": 409,
                             "description": "Conflict: can't use getUpdates method while webhook is active"}
            if "offset" in params:  # an offset confirms every update before it
                self.updates = [u for u in self.updates if u["update_id"] >= int(params["offset"])]
            return _ok(list(self.updates))
        if method == "sendMessage":
            return self._send_message(params)
        return 404, {"ok": False, "error_code": 404, "description": "Not Found"}

    def _send_message(self, params: dict) -> tuple[int, dict]:
        chat_id = params["chat_id"]
        if chat_id in self.blocked:
            return 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"}
        if chat_id in self.flooded:
            retry_after = self.flooded.pop(chat_id)
            return 429, {"ok": False, "error_code": 429, "parameters": {"retry_after": retry_after},
                         "description": f"Too Many Requests: retry after {retry_after}"}
        message_id = len(self.sent())
        return _ok({"message_id": message_id, "date": int(time.time()), "text": params.get("text", ""),
                    "from": BOT, "chat": {"id": int(chat_id), "type": "private"}})

    def post(self, path: str, form: str) -> tuple[int, dict]:
        match = re.fullmatch(r"/bot([^/]+)/(\w+)", path)
        if not match or match.group(1) != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = match.group(2)
        params = {k: _decoded(k, v[0]) for k, v in parse_qs(form).items()}
        self.calls.append((method, params))
        return self.answer(method, params)


def _ok(result) -> tuple[int, dict]:
    return 200, {"ok": True, "result": result}


def _decoded(name: str, value: str):
    """Bot API parameters come as form fields; objects (reply_markup, allowed_updates) as JSON."""
    return json.loads(value) if name in ("reply_markup", "allowed_updates") else value
