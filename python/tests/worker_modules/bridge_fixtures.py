"""Targets the server tests call inside a real worker (put on its PYTHONPATH)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator


def numbers_then_mark(marker_path: str) -> Iterator[int]:
    """Counts forever; writes ``marker_path`` when closed, so tests can see GeneratorExit ran."""
    try:
        number = 0
        while True:
            yield number
            number += 1
            time.sleep(0.001)
    finally:
        with open(marker_path, "w", encoding="utf-8") as marker:
            marker.write("closed")


def busy_loop(seconds: float) -> int:
    """Pure-Python loop: interruptible by the bridge at any bytecode."""
    end = time.monotonic() + seconds
    spins = 0
    while time.monotonic() < end:
        spins += 1
    return spins


def sleep_then(seconds: float, value: object) -> object:
    """A C-level sleep; the bridge interrupts it with a signal on the main thread."""
    time.sleep(seconds)
    return value


def fail(message: str) -> None:
    raise ValueError(message)


def pid() -> int:
    return os.getpid()


async def async_double(value: int) -> int:
    return value * 2


class Accumulator:
    """Adds numbers up."""

    def __init__(self, start: int = 0) -> None:
        self.total = start

    def add(self, value: int) -> int:
        self.total += value
        return self.total
