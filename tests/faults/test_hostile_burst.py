"""Hostile messages on the queue, played through the real webhook: `dorpslijn worker --burst`
answers every sender and returns, at every step (registration, an order, a shop's and a
volunteer's answer), and with a time budget so small that every message runs over it."""
import subprocess
import sys

import pytest

from tests.support.people import BAKER, TRUUS
from tests.support.running import ROOT
from tests.support.talk import messages

NAME_STEP = "+31611115551"
ADDRESS_STEP = "+31611115552"
VOLUNTEER = "+31612345611"
LETTER = "Beste mensen van de dorpslijn ik woon hier al heel lang aan de Kerkstraat en ik wil graag " * 18
HOSTILE = [
    (NAME_STEP, ["Goedemorgen, 4 krentenbollen graag", "Jan " * 400]),
    (ADDRESS_STEP, ["Goedemorgen, 4 krentenbollen graag", "Jan de Vries", LETTER]),
    (ADDRESS_STEP, ["Kerkstraat " * 10 + "4" * 20 + ", 8064 " * 20]),
    (TRUUS, ["1 " * 5000, "kaas, nee wacht, " * 500, "2 krentenbollen " + "en " * 3000]),
    (BAKER, ["ok " + "!" * 5000, "OP 101 " + "1" * 5000]),
    (VOLUNTEER, ["bezorgd 123 " + "1" * 5000, "beschikbaar " + "maandag " * 900]),
]


def _burst(processes, **env):
    """`dorpslijn worker --burst` to the end of the queue; it must return well within a minute."""
    done = subprocess.run([sys.executable, "-m", "cli", "worker", "--burst"], env={**processes.env, **env},
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]


@pytest.mark.parametrize("budget", ["5", "0.001"])
def test_a_burst_worker_answers_every_hostile_sender_and_returns(settings, processes, texter, budget):
    processes.web()
    statuses = [texter.text(sender, body) for sender, bodies in HOSTILE for body in bodies]
    assert statuses == [200] * len(statuses), "no 5xx: every message is stored"
    _burst(processes, DORPSLIJN_MESSAGE_SECONDS=budget)
    sent = {}
    for sender, bodies in HOSTILE:
        sent[sender] = sent.get(sender, 0) + len(bodies)
    for sender, count in sent.items():
        assert len(messages(settings, sender)) >= count, f"{sender}: every message is answered"
    if budget == "0.001":
        assert all("ging iets mis" in m["body"] for m in messages(settings, TRUUS)), "over budget: a person looks"
