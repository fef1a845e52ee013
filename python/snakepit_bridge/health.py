"""Numbers for the Health RPC that come from the process, not from the bridge."""

from __future__ import annotations

import os
import platform

INSTANCE_ID = os.urandom(8).hex()
"""Chosen once per worker process: clients tell a restarted worker at the same address by it
(pids repeat in containers)."""

_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes() -> int:
    """Resident set size from /proc/self/statm (Linux); 0 where /proc does not exist."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE
    except (OSError, IndexError, ValueError):
        return 0


def python_version() -> str:
    """ "3.11.7"."""
    return platform.python_version()
