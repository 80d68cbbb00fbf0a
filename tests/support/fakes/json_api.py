"""A JSON-over-HTTP server on 127.0.0.1 for the fakes of the APIs Dorpslijn calls.

A fake says what it answers to one POST in `post(path, form)`; this runs it in a thread so
the real client library (twilio, python-telegram-bot) talks to it over a real socket.
"""
from __future__ import annotations

import json
import threading
from abc import ABC, abstractmethod
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeJSONAPI(ABC):
    def __init__(self):
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)  # stops within 50 ms

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    @abstractmethod
    def post(self, path: str, form: str) -> tuple[int, dict]:
        """The status and JSON payload answered to a POST of a url-encoded form to `path`."""

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                form = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                with fake.lock:
                    status, payload = fake.post(self.path, form)
                body = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler
