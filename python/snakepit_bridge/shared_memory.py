"""ext 10 of the codec: a large array that TypeScript wrote to a file in /dev/shm.

On the same host, copying a big array through the gRPC socket costs several copies and
framing; writing it once to a tmpfs file and mapping that file here costs one copy. The
payload is the ext 1 header (dtype code, ndim, shape) followed by the UTF-8 path of the
file. The array maps the file read-only (like an ext 1 array, it is a read-only view),
and the file is unlinked at once: the mapping keeps the memory alive until the array
is dropped, and nothing is left behind.

Only files in a ``snakepit-*`` folder directly under /dev/shm are accepted, so a payload
cannot make the worker read or delete anything else.
"""

from __future__ import annotations

import mmap
import os
import struct
from typing import Any

from .errors import DecodeError
from .ndarray import _DTYPE_BY_CODE, _MAX_NDIM

SHARED_FILE_EXT = 10
SHARED_MEMORY_ROOT = "/dev/shm"


def decode(payload: bytes) -> Any:
    """The array in the file the payload names, mapped read-only; the file is unlinked."""
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
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            mapping = mmap.mmap(file.fileno(), size, prot=mmap.PROT_READ) if size else b""
    except FileNotFoundError:
        raise DecodeError(
            f"ext 10 (shared-memory array) file {path} is gone: the call waited so long that the sender cleaned it up, "
            "or the worker runs on another host (the shared-memory path only works on the same host)"
        ) from None
    finally:
        _unlink(path)
    array = numpy.frombuffer(mapping, dtype=dtype) if size else numpy.empty(0, dtype)
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


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
