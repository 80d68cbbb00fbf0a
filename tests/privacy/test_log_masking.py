"""No phone number reaches a log line whole: not from our code, not from a library, not in a traceback."""
import logging
import subprocess
import sys

import pytest

from dorpslijn.log_masking import install, mask
from tests.support.people import TRUUS

WRITTEN = ["+31612345601", "GET /dashboard/residents/new?phone=%2B31612345601", "06-12345601", "0612345601", "+31 6 1234 5601", "0031612345601", "31612345601"]


def test_every_way_a_number_is_written_is_masked_and_dates_and_order_numbers_are_not():
    for written in WRITTEN:
        masked = mask(f"from {written} ok")
        assert "12345" not in masked and masked.endswith("01 ok"), masked
    kept = "order 101 on 2026-11-23 10:00:00, chat 7001, job inbound-123456"
    assert mask(kept) == kept


@pytest.fixture
def unmasked():
    """A process whose records are not masked yet; its own factory back afterwards."""
    before = logging.getLogRecordFactory()
    logging.setLogRecordFactory(logging.LogRecord)
    yield
    logging.setLogRecordFactory(before)


def test_a_number_logged_by_any_logger_is_masked_in_the_captured_log(unmasked, caplog):
    install()
    with caplog.at_level(logging.INFO):
        logging.getLogger("twilio.http_client").info("POST To=%s Body=%s", "whatsapp:" + TRUUS, "hallo")
        try:
            raise ValueError(f"not a phone number: {'06-12345601'!r}")
        except ValueError:
            logging.getLogger("bots.conversation").exception("conversation with %s failed", TRUUS)
    assert "12345601" not in caplog.text
    assert "+31*******01" in caplog.text and "06******01" in caplog.text and "ValueError" in caplog.text


def test_the_command_line_masks_what_it_logs(settings, demo):
    script = ("import logging\n"
              "from cli.main import main\n"
              "main(['privacy', 'export', '06-99999999'])\n"
              "logging.getLogger('ivr.calls').warning('could not call %s: busy', '+31612345601')\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert "could not call" in run.stderr
    assert "12345601" not in run.stderr, run.stderr
    assert "+31*******01" in run.stderr


def test_the_web_app_masks_its_log_lines(unmasked, settings, caplog):
    from web import create_app
    create_app(settings)
    with caplog.at_level(logging.INFO):
        logging.getLogger("orders.tasks").info("task call_back for %s made for the coordinator", "0612345601")
    assert "0612345601" not in caplog.text and "06******01" in caplog.text
