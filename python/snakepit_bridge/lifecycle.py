"""A worker never outlives its parent and shuts down cleanly on SIGTERM.

Parent death: Linux kills us with SIGKILL the moment the parent dies
(``prctl(PR_SET_PDEATHSIG)``); a watchdog thread that notices ``getppid()`` change
covers other systems and the race where the parent died before the prctl.

SIGTERM/SIGINT: stop taking calls, let calls in flight finish for a bounded grace, exit 0.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

_log = logging.getLogger(__name__)

_PR_SET_PDEATHSIG = 1
_WATCHDOG_INTERVAL_SECONDS = 0.25


def die_with_parent() -> None:
    """Arranges for this process to end when its parent does."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
                _log.warning("prctl(PR_SET_PDEATHSIG) failed (errno %s); relying on the watchdog", ctypes.get_errno())
        except OSError as error:
            _log.warning("prctl unavailable (%s); relying on the watchdog", error)
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="snakepit-parent-watchdog", daemon=True).start()


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(_WATCHDOG_INTERVAL_SECONDS)
        if os.getppid() != parent:
            os._exit(1)


def drain_on_termination(
    begin_draining: Callable[[], None],
    in_flight: Callable[[], int],
    finish: Callable[[], None],
    grace_seconds: float,
) -> None:
    """On SIGTERM or SIGINT: ``begin_draining``, wait until ``in_flight()`` is 0 or the grace
    is over, ``finish``, and exit 0 even if a call ignored its cancellation.

    Must be called on the main thread (Python installs signal handlers there only).
    """
    started = threading.Event()

    def drain() -> None:
        begin_draining()
        limit = time.monotonic() + grace_seconds
        while in_flight() > 0 and time.monotonic() < limit:
            time.sleep(0.01)
        if in_flight() > 0:
            _log.warning("exiting with %d calls still running after the %.1fs grace", in_flight(), grace_seconds)
        finish()
        time.sleep(1.0)  # the main thread normally returns and exits first
        sys.stdout.flush()
        os._exit(0)

    def on_signal(signal_number: int, _frame: Any) -> None:
        if started.is_set():
            return
        started.set()
        _log.info("received %s: draining", signal.Signals(signal_number).name)
        threading.Thread(target=drain, name="snakepit-drain", daemon=True).start()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
