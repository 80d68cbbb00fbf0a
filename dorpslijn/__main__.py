"""`python -m dorpslijn` is the `dorpslijn` command."""
import sys

from dorpslijn.cli import main

sys.exit(main())
