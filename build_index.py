#!/usr/bin/env python3
"""kbsite: turn the articles in kb/ into a cross-linked, searchable site. See README.md."""

import sys

from kbsite.cli import main

if __name__ == "__main__":
    sys.exit(main())
