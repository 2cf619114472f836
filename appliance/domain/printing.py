"""Provides what a printer's name may be: a CUPS queue (Art. 12(4): the record form on paper)."""

from __future__ import annotations

import re

# lpadmin's own rule for a queue (no spaces, slashes, '#' or control characters), and never a
# leading dash: the name is passed to lp after -d.
PRINTER_QUEUE = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.@-]{0,126}")
