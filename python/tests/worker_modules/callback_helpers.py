"""Functions that take callables, for test_callbacks.py (the test plays the TypeScript side)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

KEPT: list[Callable[..., Any]] = []


def twice(fn: Callable[..., Any], value: Any) -> Any:
    return fn(fn(value))


def with_keywords(fn: Callable[..., Any]) -> Any:
    return fn(1, step=2)


def keep(fn: Callable[..., Any]) -> int:
    KEPT.append(fn)
    return len(KEPT)


def call_kept(value: Any) -> list[Any]:
    return [fn(value) for fn in KEPT]


def drop_kept() -> None:
    KEPT.clear()


class Holder:
    def __init__(self, fn: Callable[..., Any]) -> None:
        self.fn = fn
        KEPT.append(fn)


def tool(name: str, *args: Any) -> Any:
    from snakepit_bridge import tools

    return getattr(tools, name)(*args)


def from_a_thread(fn: Callable[..., Any], value: Any) -> Any:
    """Calls ``fn`` on a thread of its own (as a library's thread pool would) and waits for it."""
    import threading

    results: list[Any] = []
    worker = threading.Thread(target=lambda: results.append(fn(value)))
    worker.start()
    worker.join()
    return results[0]
