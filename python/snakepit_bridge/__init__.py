"""Snakepit bridge: the Python worker that TypeScript programs call over gRPC.

Start it with ``python -m snakepit_bridge serve --socket /tmp/snakepit/worker.sock``.
Importing this package is cheap on purpose (no grpc, no numpy): workers must start fast.
"""

__version__ = "0.1.0"
