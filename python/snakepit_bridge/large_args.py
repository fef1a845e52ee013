"""Positional arguments carrying large ndarrays or Arrow tables, decoded without copying their bytes.

msgpack hands every extension payload to ``ext_hook`` as a new ``bytes`` object, so an
8 MB array sent as ext 1 was copied once more before ``numpy.frombuffer`` could view it
(and an 8 MB Arrow stream, ext 8, before pyarrow could read it). Here the top-level
MessagePack array of ``args`` is walked by hand: an ext 32 of a type in ``decoders``
(ndarray, Arrow) of at least ``MIN_EXT_BYTES`` is decoded from a ``memoryview`` of the
received bytes (which keeps them alive: a read-only numpy array views them, pyarrow
reads its columns out of them); every other element is unpacked by msgpack exactly as
before, from a reader over the same memory.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from typing import Any

import msgpack

from .errors import DecodeError

#: Arguments shorter than this go through plain ``msgpack.unpackb``: the copy is cheap there.
MIN_BYTES = 1 << 20
#: An ndarray payload at least this big is viewed in place instead of copied.
MIN_EXT_BYTES = 1 << 16
#: Walking element by element pays per element; long argument lists take the plain path.
_MAX_ELEMENTS = 64
_EXT32 = 0xC9

UnpackerFactory = Callable[[Any], msgpack.Unpacker]


class _Reader:
    """A file-like ``read`` over a memoryview: msgpack copies only the chunks it reads."""

    __slots__ = ("_view", "_position")

    def __init__(self, view: memoryview, position: int) -> None:
        self._view = view
        self._position = position

    def read(self, size: int) -> bytes:
        chunk = self._view[self._position : self._position + size].tobytes()
        self._position += len(chunk)
        return chunk


def _array_header(data: bytes) -> tuple[int, int] | None:
    """(element count, offset of the first element) of a top-level MessagePack array, or None."""
    first = data[0]
    if 0x90 <= first <= 0x9F:
        return first & 0x0F, 1
    if first == 0xDC and len(data) >= 3:
        return struct.unpack_from(">H", data, 1)[0], 3
    if first == 0xDD and len(data) >= 5:
        return struct.unpack_from(">I", data, 1)[0], 5
    return None


def decode_args_in_place(
    data: bytes, unpacker: UnpackerFactory, decoders: dict[int, Callable[[memoryview], Any]]
) -> list[Any] | None:
    """The argument list of ``data``, large extensions decoded in place; None when the plain path applies.

    ``decoders`` maps an extension type to its decoder over a memoryview of the payload;
    ``unpacker(file_like)`` builds an Unpacker with the codec's options, for the other elements.
    """
    if len(data) < MIN_BYTES:
        return None
    header = _array_header(data)
    if header is None or header[0] > _MAX_ELEMENTS:
        return None
    count, offset = header
    view = memoryview(data)
    items: list[Any] = []
    for _ in range(count):
        decode = decoders.get(data[offset + 5]) if offset + 6 <= len(data) and data[offset] == _EXT32 else None
        if decode is not None:
            size = struct.unpack_from(">I", data, offset + 1)[0]
            start = offset + 6
            if size >= MIN_EXT_BYTES and start + size <= len(data):
                items.append(decode(view[start : start + size]))
                offset = start + size
                continue
        reader = unpacker(_Reader(view, offset))
        try:
            items.append(reader.unpack())
        except msgpack.OutOfData as error:
            raise DecodeError(f"args end inside element {len(items)} (byte {offset} of {len(data)})") from error
        offset += reader.tell()
    if offset != len(data):
        raise DecodeError(f"args have {len(data) - offset} bytes after the MessagePack array")
    return items
