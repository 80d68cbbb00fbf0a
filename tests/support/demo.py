"""The demo village of Zwartsluis, the folder every test imports its village from."""
from dorpslijn.config import DEMO_DIR

DEMO = DEMO_DIR
