"""ext 10 and 11 of the codec: large arrays and Arrow streams passed as files in /dev/shm.

On the same host, copying a big payload through the gRPC socket costs several copies and
framing; writing it once to a tmpfs file and mapping (or reading) that file costs one.
ext 10 is the ext 1 header (dtype code, ndim, shape) followed by the UTF-8 path of the
file holding the data; ext 11 is the path of a file holding an Arrow IPC stream.

From TypeScript: the worker maps the file read-only (an array is a read-only view, like
ext 1); the file goes back to TypeScript for reuse when the mapping is garbage collected
(see shared_file_slots.py), or, for a one-shot ``.bin`` file, is unlinked at once.
To TypeScript: only when the pool started the worker with ``SNAKEPIT_SHARED_MEMORY=1``
(so it knows it is on the same host), results of at least
``SNAKEPIT_SHARED_MEMORY_THRESHOLD`` bytes (default 1 MB) are written to a file in the
worker's private folder (a reused slot where one was given back); TypeScript copies it
out and gives it back. Files nobody picked up are swept after two minutes and with the
folder at exit.

Only files in a ``snakepit-*`` folder directly under /dev/shm are accepted, so a payload
cannot make the worker read or delete anything else.
"""

from __future__ import annotations

import atexit
import os
import shutil
import struct
import tempfile
from typing import Any

import msgpack

from . import shared_file_slots
from .errors import DecodeError
from .ndarray import _DTYPE_BY_CODE, _MAX_NDIM, encode_parts

SHARED_FILE_EXT = 10
SHARED_ARROW_EXT = 11
SHARED_MEMORY_ROOT = "/dev/shm"

_results_threshold: int | None = None
_folder = ""


def results_threshold() -> int:
    """Smallest result sent as a file, in bytes; 0 when results always travel in the message."""
    global _results_threshold
    if _results_threshold is None:
        enabled = os.environ.get("SNAKEPIT_SHARED_MEMORY") == "1" and os.path.isdir(SHARED_MEMORY_ROOT)
        _results_threshold = int(os.environ.get("SNAKEPIT_SHARED_MEMORY_THRESHOLD", 1 << 20)) if enabled else 0
    return _results_threshold


def array_result(array: Any) -> msgpack.ExtType | None:
    """ext 10 for a large encodable array when the fast path is on, else None (ext 1 carries it)."""
    threshold = results_threshold()
    if not threshold or array.nbytes < threshold:
        return None
    header, data = encode_parts(array)
    return msgpack.ExtType(SHARED_FILE_EXT, header + _write(data))


def arrow_result(table: Any) -> msgpack.ExtType | None:
    """ext 11 for a pyarrow Table whose stream is large, when the fast path is on, else None (ext 8 carries it).

    The stream is written straight into the file's pages: no intermediate buffer.
    """
    from . import arrow

    threshold = results_threshold()
    if not threshold:
        return None
    size = arrow.stream_size(table)
    if size < threshold:
        return None
    path = shared_file_slots.write_into(_private_folder(), size, lambda sink: arrow.write_stream(table, sink))
    return msgpack.ExtType(SHARED_ARROW_EXT, path.encode("utf-8"))


def decode_arrow(payload: bytes) -> Any:
    """The DataFrame in the Arrow stream file the payload names (mapped; given back when unused)."""
    from . import arrow

    path = _checked_path(bytes(payload).decode("utf-8"))
    try:
        mapping = shared_file_slots.map_file(path)
    except FileNotFoundError:
        raise DecodeError(f"ext 11 (shared-memory Arrow) file {path} is gone") from None
    return arrow.decode_dataframe(mapping)


def _write(data: memoryview) -> bytes:
    return shared_file_slots.write(_private_folder(), [data]).encode("utf-8")


def _private_folder() -> str:
    global _folder
    if not _folder:
        _folder = tempfile.mkdtemp(prefix="snakepit-", dir=SHARED_MEMORY_ROOT)
        atexit.register(shutil.rmtree, _folder, True)
    return _folder


def decode(payload: bytes) -> Any:
    """The array in the file the payload names, mapped read-only (the file is given back when unused)."""
    import numpy

    if len(payload) < 2:
        raise DecodeError("ext 10 (shared-memory array) payload is shorter than its 2-byte header")
    code, ndim = payload[0], payload[1]
    dtype = _DTYPE_BY_CODE.get(code)
    offset = 2 + 4 * ndim
    if dtype is None or ndim > _MAX_NDIM or len(payload) <= offset:
        raise DecodeError(f"ext 10 (shared-memory array) header is malformed: dtype code {code}, ndim {ndim}")
    shape = struct.unpack_from(f"<{ndim}I", payload, 2)
    path = _checked_path(bytes(payload[offset:]).decode("utf-8"))
    try:
        mapping = shared_file_slots.map_file(path)
    except FileNotFoundError:
        raise DecodeError(
            f"ext 10 (shared-memory array) file {path} is gone: the call waited so long that the sender cleaned it up, "
            "or the worker runs on another host (the shared-memory path only works on the same host)"
        ) from None
    array = numpy.frombuffer(mapping, dtype=dtype) if len(mapping) else numpy.empty(0, dtype)
    try:
        return array.reshape(shape)
    except ValueError as error:
        raise DecodeError(
            f"ext 10 (shared-memory array) holds {array.size} {dtype} elements, not shape {shape}"
        ) from error


def _checked_path(path: str) -> str:
    real = os.path.realpath(path)
    folder = os.path.dirname(real)
    if os.path.dirname(folder) != SHARED_MEMORY_ROOT or not os.path.basename(folder).startswith("snakepit-"):
        raise DecodeError(f"ext 10 (shared-memory array) path {path!r} is not in a snakepit-* folder under /dev/shm")
    return real
