"""Snakepit bridge: the Python worker that TypeScript programs call over gRPC.

Start it with ``python -m snakepit_bridge serve --socket /tmp/snakepit/worker.sock``.
Importing this package is cheap on purpose (no grpc, no numpy): workers must start fast.
"""

__version__ = "0.1.0"

import sys as _sys  # noqa: E402

from . import user_types as types  # noqa: E402  (snakepit_bridge.types.register; imports nothing heavy)

_sys.modules[__name__ + ".types"] = types  # so `import snakepit_bridge.types` works too

from .callbacks import CallbackError, CallbackReleasedError  # noqa: E402  (what a TypeScript callback raises)

__all__ = ["__version__", "types", "CallbackError", "CallbackReleasedError"]
