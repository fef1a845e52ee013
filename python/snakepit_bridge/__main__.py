"""``python -m snakepit_bridge serve --socket /path/to/worker.sock`` (see cli.py)."""

import sys

from .executor import block_interrupt_signals

# Before anything can start a thread: only the main thread may take the interrupt signals.
block_interrupt_signals()

from .cli import main  # noqa: E402  (the line above must run first)

sys.exit(main())
