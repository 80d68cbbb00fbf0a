"""The diagram beside the conversation engine draws it as it is: every state and no other, and
the rules that come before any state in the order the engine tries them."""
import re
from pathlib import Path

from bots import conversation
from bots.states import State

DIAGRAM = Path(conversation.__file__).with_name("conversation.mmd").read_text()
ARROW = re.compile(r"^\s*(\S+)\s*-->\s*([^\s:]+)", re.M)
NOTE = re.compile(r"^\s*note left of idle\n(.*?)^\s*end note", re.M | re.S)


def test_every_state_has_a_step():
    assert set(conversation.STEPS) | set(conversation.REGISTRATION) == set(State)


def test_the_diagram_draws_every_state_and_no_other():
    drawn = {end for arrow in ARROW.findall(DIAGRAM) for end in arrow} - {"[*]"}
    assert drawn == {state.value for state in State}


def test_the_diagram_lists_the_precedence_in_its_order():
    lines = NOTE.search(DIAGRAM).group(1).strip().splitlines()[1:]
    listed = [line.split(":")[0].strip() for line in lines if ":" in line]
    assert listed == [rule.name for rule in conversation.PRECEDENCE]
