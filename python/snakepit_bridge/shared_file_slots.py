"""Reusable /dev/shm files ("slots") for the same-host fast path (ext 10 and 11).

Creating a tmpfs file per transfer makes the kernel allocate and zero every page each
time; overwriting the pages of a file that already exists is a plain memcpy. So the
sender keeps a few files and lends them out, and the receiver gives them back:

- a lent slot is named ``<pid>-<n>.slot``; the receiver renames it to ``<pid>-<n>.free``
  once it no longer reads it (TypeScript: right after copying the bytes out; here: when
  the read-only mapping the arrays view is garbage collected, see ``map_file``);
- the sender claims a returned slot with the atomic rename ``.free`` -> ``.slot`` and only
  then overwrites it, so a file is never written while the other side may still read it;
- a ``.bin`` file is one-shot (too large to keep, or the pool is full): the receiver
  unlinks it once mapped.

TypeScript's side is packages/transport-grpc/src/codec/shared-file-slots.ts.
"""

from __future__ import annotations

import itertools
import mmap
import os
import threading
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

_MAX_SLOTS = 2  # per worker: results leave one at a time per call in flight
_MAX_SLOT_BYTES = 32 << 20  # larger results get one-shot files, so idle slots pin little memory
_IDLE_AFTER_SECONDS = 120.0  # lent and never returned (call abandoned), or unused: removed


@dataclass
class _Slot:
    base: str
    size: int
    used_at: float


_lock = threading.Lock()
_slots: list[_Slot] = []
_one_shot: dict[str, float] = {}
_file_numbers = itertools.count(1)


def write(folder: str, chunks: Sequence[memoryview | bytes]) -> str:
    """Writes ``chunks`` in order to a returned slot (overwritten in place) or a new file; returns its path."""
    size = sum(len(chunk) for chunk in chunks)
    path, fd, previous = _take_file(folder, size)
    try:
        _write_all(fd, chunks)
        if previous > size:
            os.ftruncate(fd, size)
    finally:
        os.close(fd)
    return path


def write_into(folder: str, size: int, fill: Callable[[Any], None]) -> str:
    """Like ``write``, for a payload of known ``size`` that ``fill`` writes to a pyarrow sink over the file's pages.

    The sink is a fixed-size writer over a writable mapping of the file, so the bytes are
    copied once, straight into shared memory (no stream buffer, no write call).
    """
    import pyarrow

    path, fd, previous = _take_file(folder, size)
    try:
        if previous != size:
            os.ftruncate(fd, size)
        if size:
            with mmap.mmap(fd, size, flags=mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0)) as mapping:
                buffer = pyarrow.py_buffer(mapping)
                fill(pyarrow.FixedSizeBufferWriter(buffer))
                del buffer  # the mapping cannot close while pyarrow still exports it
    finally:
        os.close(fd)
    return path


def _take_file(folder: str, size: int) -> tuple[str, int, int]:
    """A file to write ``size`` bytes to: (path, fd open for writing, its current size)."""
    now = time.monotonic()
    with _lock:
        _sweep(now)
        slot = _claim(size) if size <= _MAX_SLOT_BYTES else None
        if slot is not None:
            path = slot.base + ".slot"
            previous, slot.size, slot.used_at = slot.size, size, now
            return path, os.open(path, os.O_RDWR), previous
        base = os.path.join(folder, f"{os.getpid()}-{next(_file_numbers)}")
        pooled = size <= _MAX_SLOT_BYTES and len(_slots) < _MAX_SLOTS
        path = base + (".slot" if pooled else ".bin")
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        if pooled:
            _slots.append(_Slot(base, size, now))
        else:
            _one_shot[path] = now
        return path, fd, 0


def map_file(path: str) -> mmap.mmap | bytes:
    """Maps ``path`` read-only; a ``.slot`` goes back to its sender when the mapping is collected.

    The mapping is what numpy arrays and pyarrow buffers over it keep alive, so the slot
    is returned only when nothing can read it any more. Other files are unlinked at once
    (the mapping keeps their pages). Raises FileNotFoundError when the file is gone.
    """
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            flags = mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0)
            mapping = mmap.mmap(file.fileno(), size, flags=flags, prot=mmap.PROT_READ) if size else b""
    except FileNotFoundError:
        raise
    except BaseException:
        _release(path)
        raise
    if isinstance(mapping, mmap.mmap) and path.endswith(".slot"):
        finalizer = weakref.finalize(mapping, _release, path)
        finalizer.atexit = False
    else:
        _release(path)
    return mapping


def release(path: str) -> None:
    """Gives a file back after reading it: a ``.slot`` becomes ``.free``, anything else is unlinked."""
    _release(path)


def slot_count() -> int:
    """How many slots this worker keeps (for tests)."""
    return len(_slots)


def _release(path: str) -> None:
    try:
        if path.endswith(".slot"):
            os.rename(path, path[: -len(".slot")] + ".free")
        else:
            os.unlink(path)
    except OSError:
        pass  # already swept by its writer: nothing to give back


def _claim(size: int) -> _Slot | None:
    for slot in sorted(_slots, key=lambda candidate: abs(candidate.size - size)):
        try:
            os.rename(slot.base + ".free", slot.base + ".slot")
        except OSError:
            continue  # still lent
        return slot
    return None


def _sweep(now: float) -> None:
    limit = now - _IDLE_AFTER_SECONDS
    for slot in [slot for slot in _slots if slot.used_at <= limit]:
        _slots.remove(slot)
        # Returned or still lent: unlinking a name is safe, a mapping keeps its pages.
        _unlink(slot.base + ".free")
        _unlink(slot.base + ".slot")
    for path, written_at in list(_one_shot.items()):
        if written_at > limit:
            break
        del _one_shot[path]
        _unlink(path)


def _write_all(fd: int, chunks: Sequence[memoryview | bytes]) -> None:
    position = 0
    for chunk in chunks:
        view = memoryview(chunk).cast("B")
        offset = 0
        while offset < len(view):
            offset += os.pwrite(fd, view[offset:], position + offset)
        position += len(view)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
