"""`python -m checker` is the same as `dealcheck`."""

import sys

from checker.cli import main

sys.exit(main())
