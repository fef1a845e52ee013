"""The registry of Python objects that stayed in the worker and are known to TypeScript by id.

Returning the same object twice returns the same id with its count raised; every
RemoteRef the TypeScript side holds releases once, so the object is dropped when the
last handle is released.

    registry = RefRegistry()
    ref_id = registry.register(model)       # "r1"
    registry.get(ref_id) is model           # True
    registry.release([ref_id])              # 1 (released), object dropped
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import UnknownRefError


@dataclass
class _Entry:
    value: Any
    count: int


class RefRegistry:
    """Thread-safe id → object table with reference counts."""

    def __init__(self) -> None:
        self._entries: dict[str, _Entry] = {}
        self._ids_by_object: dict[int, str] = {}
        self._next_number = itertools.count(1)
        self._issued = 0
        self._lock = threading.Lock()
        # Told the ids of objects dropped for good (callbacks.py: callbacks held by them die too).
        self._drop_listeners: list[Callable[[list[str]], None]] = []

    def register(self, value: Any) -> str:
        """Keeps ``value`` alive and returns its id; a value already held gets its count raised."""
        with self._lock:
            ref_id = self._ids_by_object.get(id(value))
            if ref_id is not None:
                self._entries[ref_id].count += 1
                return ref_id
            self._issued = next(self._next_number)
            ref_id = f"r{self._issued}"
            self._entries[ref_id] = _Entry(value, 1)
            self._ids_by_object[id(value)] = ref_id
            return ref_id

    def get(self, ref_id: str) -> Any:
        """The object behind ``ref_id``; raises UnknownRefError (bridge_code unknown_ref) if none."""
        entry = self._entries.get(ref_id)
        if entry is None:
            raise UnknownRefError(
                f"unknown ref {ref_id!r}: this worker never issued it or it was already released "
                "(refs do not survive a worker restart; create the object again)"
            )
        return entry.value

    def release(self, ref_ids: list[str] | tuple[str, ...]) -> tuple[int, list[Any]]:
        """Drops one count per id; returns how many ids were known and the objects now unreferenced.

        The objects are handed back instead of dropped here so the caller can let them go
        on the thread that runs user code (their ``__del__`` is user code too).
        """
        released = 0
        dropped: list[Any] = []
        dropped_ids: list[str] = []
        with self._lock:
            for ref_id in ref_ids:
                entry = self._entries.get(ref_id)
                if entry is None:
                    continue
                released += 1
                entry.count -= 1
                if entry.count <= 0:
                    del self._entries[ref_id]
                    del self._ids_by_object[id(entry.value)]
                    dropped.append(entry.value)
                    dropped_ids.append(ref_id)
        for listener in list(self._drop_listeners):
            if dropped_ids:
                listener(dropped_ids)
        return released, dropped

    def issued(self) -> int:
        """A mark for ``issued_since``: the number of the last id issued."""
        return self._issued

    def issued_since(self, mark: int) -> list[str]:
        """Ids issued after ``mark`` that are still held (the refs a call created)."""
        if self._issued <= mark:
            return []
        with self._lock:
            return [ref_id for ref_id in self._entries if int(ref_id[1:]) > mark]

    def add_drop_listener(self, listener: Callable[[list[str]], None]) -> None:
        """``listener(ids)`` runs after a release drops objects for good."""
        self._drop_listeners.append(listener)

    def remove_drop_listener(self, listener: Callable[[list[str]], None]) -> None:
        if listener in self._drop_listeners:
            self._drop_listeners.remove(listener)

    def count(self) -> int:
        """How many distinct objects are held."""
        return len(self._entries)
