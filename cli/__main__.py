"""`python -m cli` is the `dorpslijn` command."""
import sys

from cli.main import main

sys.exit(main())
