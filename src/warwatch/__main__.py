"""`python -m warwatch` runs the command line."""

import sys

from warwatch.cli import main

sys.exit(main())
