"""Results too big for one gRPC message, sent as a stream of parts: the Python side of
``py.call(..., { chunked: true })``.

TypeScript streams the reserved target ``snakepit_bridge.chunks.call`` with the real
target and its arguments; this generator runs the call, then yields a header saying how
to put the result back together, then the parts, each well under the message limit:

    call("numpy.arange", [10_000_000], {}, 4 << 20)
    # {"kind": "ndarray", "dtype": "int64", "shape": [10000000]}, b"...4 MB...", b"...", ...

Kinds: ``bytes`` (byte slices), ``ndarray`` (slices of the raw C-order little-endian
data, as ext 1 would carry it), ``str`` (substrings), ``list`` (sublists), and ``value``
for anything else (one part: only these four kinds are split).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import ndarray
from .dispatch import Dispatcher
from .refs import RefRegistry

DEFAULT_CHUNK_BYTES = 4 << 20
# A list is split by item count; assume this many bytes per encoded item.
_BYTES_PER_LIST_ITEM = 16

# Resolves dotted paths with the bridge's rules; refs in the arguments arrive decoded.
_DISPATCHER = Dispatcher(RefRegistry())


def call(
    target: str,
    args: list[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
) -> Iterator[Any]:
    """Calls ``target`` and yields its result as a header plus parts of about ``chunk_bytes`` each."""
    value = _DISPATCHER.call(target=target, args=args or [], kwargs=kwargs or {})
    yield from split(value, max(1, chunk_bytes))


def split(value: Any, chunk_bytes: int) -> Iterator[Any]:
    """The header and parts of one value (see the module docstring for the kinds)."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = memoryview(value).cast("B")
        yield {"kind": "bytes", "size": len(data)}
        yield from _slices(data, chunk_bytes)
    elif ndarray.is_ndarray(value) and ndarray.encodable(value):
        _, data = ndarray.encode_parts(value)
        yield {"kind": "ndarray", "dtype": value.dtype.name, "shape": list(value.shape), "size": len(data)}
        yield from _slices(data, chunk_bytes)
    elif isinstance(value, str):
        yield {"kind": "str"}
        # Characters, not bytes: a part is at most 4× chunk_bytes in UTF-8, still far below the limit.
        for start in range(0, len(value), chunk_bytes):
            yield value[start : start + chunk_bytes]
    elif isinstance(value, list):
        yield {"kind": "list"}
        items = max(1, chunk_bytes // _BYTES_PER_LIST_ITEM)
        for start in range(0, len(value), items):
            yield value[start : start + items]
    else:
        yield {"kind": "value"}
        yield value


def _slices(data: memoryview, chunk_bytes: int) -> Iterator[bytes]:
    for start in range(0, len(data), chunk_bytes):
        yield bytes(data[start : start + chunk_bytes])
