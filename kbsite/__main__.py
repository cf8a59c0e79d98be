"""`python -m kbsite`: the same command as the `kbsite` script, for when the script is not on PATH."""

import sys

from kbsite.cli import main

sys.exit(main())
