"""Reusable /dev/shm files ("slots") for the same-host fast path (ext 10 and 11).

Creating a tmpfs file per transfer makes the kernel allocate and zero every page each
time; overwriting the pages of a file that already exists is a plain memcpy. So the
sender keeps a few files and lends them out, and the receiver gives them back:

- a lent slot is named ``<pid>-<n>.slot``; the receiver renames it to ``<pid>-<n>.free``
  once it no longer reads it (TypeScript: right after copying the bytes out; here: when
  the last array or Arrow buffer viewing it is garbage collected, see ``map_file``);
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
    # The writable mapping ``write_into`` filled it through, kept for the next result of
    # the same size: mapping and faulting in 8 MB again, then unmapping, cost ≈ 1.3 ms.
    mapping: mmap.mmap | None = None


_lock = threading.Lock()
_slots: list[_Slot] = []
_one_shot: dict[str, float] = {}
# Mappings of received slots, kept for the next transfer through the same slot (oldest first).
_MAPPINGS_KEPT = 2
_mappings: dict[str, tuple[int, mmap.mmap]] = {}
_file_numbers = itertools.count(1)


def write(folder: str, chunks: Sequence[memoryview | bytes]) -> str:
    """Writes ``chunks`` in order to a returned slot (overwritten in place) or a new file; returns its path."""
    size = sum(len(chunk) for chunk in chunks)
    path, fd, previous, _slot = _take_file(folder, size)
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

    path, fd, previous, slot = _take_file(folder, size)
    try:
        kept = slot.mapping if slot is not None else None
        # Reused only while it spans the whole file exactly (``write`` may have resized the slot since).
        mapping = kept if kept is not None and previous == size == len(kept) else None
        if mapping is None:
            if slot is not None and kept is not None:
                _close_quietly(kept)
                slot.mapping = None
            if previous != size:
                os.ftruncate(fd, size)
            if not size:
                return path
            mapping = mmap.mmap(fd, size, flags=mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0))
        buffer = pyarrow.py_buffer(mapping)
        fill(pyarrow.FixedSizeBufferWriter(buffer))
        del buffer  # the mapping cannot close while pyarrow still exports it
        if slot is not None:
            slot.mapping = mapping
        else:
            mapping.close()
    finally:
        os.close(fd)
    return path


def _take_file(folder: str, size: int) -> tuple[str, int, int, _Slot | None]:
    """A file to write ``size`` bytes to: (path, fd open for writing, its current size, its slot; None: one-shot)."""
    now = time.monotonic()
    with _lock:
        _sweep(now)
        slot = _claim(size) if size <= _MAX_SLOT_BYTES else None
        if slot is not None:
            path = slot.base + ".slot"
            previous, slot.size, slot.used_at = slot.size, size, now
            return path, os.open(path, os.O_RDWR), previous, slot
        base = os.path.join(folder, f"{os.getpid()}-{next(_file_numbers)}")
        pooled = size <= _MAX_SLOT_BYTES and len(_slots) < _MAX_SLOTS
        path = base + (".slot" if pooled else ".bin")
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
        new_slot = _Slot(base, size, now) if pooled else None
        if new_slot is not None:
            _slots.append(new_slot)
        else:
            _one_shot[path] = now
        return path, fd, 0, new_slot


def map_file(path: str) -> Any:
    """Maps ``path`` read-only; a ``.slot`` goes back to its sender when nothing views it any more.

    For a ``.slot`` the result is a new read-only uint8 numpy array over the file's
    mapping, made for this transfer alone: numpy makes every view derived from it (and
    pyarrow every buffer over it) keep this very array alive, so the slot is returned
    when the last of them is collected, never while one can still read it. The mapping
    itself is kept for the next transfer through the same slot, which then skips
    mapping and faulting in 8 MB of pages again (≈ 1 ms). Other files are mapped and
    unlinked at once (the mapping keeps their pages). Raises FileNotFoundError when the
    file is gone. (Not tracked: a raw memoryview someone digs out of an array's ``.base``
    chain and keeps after the arrays are gone.)
    """
    try:
        with open(path, "rb") as file:
            status = os.fstat(file.fileno())
            if not status.st_size:
                mapping: mmap.mmap | bytes = b""
            elif path.endswith(".slot"):
                import numpy

                # Only slots this worker could send itself are worth keeping mapped.
                keep = status.st_size <= _MAX_SLOT_BYTES
                mapping = _cached_mapping(path, file.fileno(), status) if keep else _map(file.fileno(), status.st_size)
                owner = numpy.frombuffer(mapping, dtype="u1")
                weakref.finalize(owner, _release, path).atexit = False
                return owner
            else:
                mapping = _map(file.fileno(), status.st_size)
    except FileNotFoundError:
        raise
    except BaseException:
        _release(path)
        raise
    _release(path)
    return mapping


def _cached_mapping(path: str, fd: int, status: os.stat_result) -> mmap.mmap:
    """The slot's mapping from an earlier transfer when it still maps this very file at this size."""
    with _lock:
        cached = _mappings.pop(path, None)
        if cached is not None and cached[0] == status.st_ino and len(cached[1]) == status.st_size:
            mapping = cached[1]
        else:
            if cached is not None:
                _close_quietly(cached[1])
            mapping = _map(fd, status.st_size)
        # Slots their sender removed (idle, or it exited) must not pin their pages here.
        for other in [other for other in _mappings if not _slot_exists(other)]:
            _close_quietly(_mappings.pop(other)[1])
        _mappings[path] = (status.st_ino, mapping)
        while len(_mappings) > _MAPPINGS_KEPT:
            _close_quietly(_mappings.pop(next(iter(_mappings)))[1])
        return mapping


def _slot_exists(path: str) -> bool:
    return os.path.exists(path) or os.path.exists(path[: -len(".slot")] + ".free")


def _map(fd: int, size: int) -> mmap.mmap:
    return mmap.mmap(fd, size, flags=mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0), prot=mmap.PROT_READ)


def _close_quietly(mapping: mmap.mmap) -> None:
    try:
        mapping.close()
    except BufferError:
        pass  # something still views it: it closes when that goes


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
        if slot.mapping is not None:
            _close_quietly(slot.mapping)
            slot.mapping = None
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
