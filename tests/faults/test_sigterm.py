"""SIGTERM, as a host stops a worker for a deploy: the job under way finishes (RQ's warm
shutdown), and the worker then ends by itself."""
from __future__ import annotations

import signal
import threading
import time

from dorpslijn.db import session_scope
from messaging.reports import outbox_rows
from tests.support.fakes.twilio_api import FakeTwilioAPI
from tests.support.people import TRUUS
from tests.support.running import wait_for

SEND_TAKES = 3


class SlowTwilioAPI(FakeTwilioAPI):
    """Twilio's REST API taking seconds to answer a message."""

    def __init__(self):
        super().__init__()
        self.asked = threading.Event()

    def _message(self, account_sid, form):
        self.asked.set()
        time.sleep(SEND_TAKES)
        return super()._message(account_sid, form)


def test_sigterm_lets_the_send_under_way_finish(settings, processes, texter):
    with SlowTwilioAPI() as api:
        live = dict(DORPSLIJN_TRANSPORT="live", TWILIO_API_BASE=api.base_url, TWILIO_ACCOUNT_SID="AC" + "1" * 32,
                    TWILIO_AUTH_TOKEN=settings.twilio_auth_token)
        processes.web(**live)
        worker = processes.start("worker", ["dorpslijn", "worker"], **live)
        assert texter.text(TRUUS, "4 krentenbollen") == 200
        assert api.asked.wait(timeout=30)
        asked_at = time.monotonic()
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=30) == 0
        assert time.monotonic() - asked_at >= SEND_TAKES - 0.5, "the worker ended before its send was answered"

    assert [message["to"] for message in api.messages] == [TRUUS]
    with session_scope(settings.database_url) as session:
        [reply] = [row for row in outbox_rows(session) if row["to"] == TRUUS]
    assert reply["status"] == "sent"
