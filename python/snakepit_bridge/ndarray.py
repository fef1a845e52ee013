"""ext 1 of the codec: numpy arrays as dtype code + shape + raw little-endian bytes.

No per-element work in either direction: decoding is ``numpy.frombuffer`` over the
received bytes (a read-only view, no copy), encoding is one ``memoryview`` join.
numpy is imported only when an array actually travels, so idle workers stay small.

Layout (see proto/CODEC.md): byte 0 dtype code, byte 1 ndim, ndim × uint32 LE shape, data.
"""

from __future__ import annotations

import struct
import sys
from typing import Any

from .errors import DecodeError

NDARRAY_EXT = 1

# (numpy kind, itemsize) → wire dtype code, and wire code → numpy dtype string.
_CODE_BY_KIND: dict[tuple[str, int], int] = {
    ("f", 8): 0, ("f", 4): 1,
    ("i", 1): 2, ("i", 2): 3, ("i", 4): 4, ("i", 8): 5,
    ("u", 1): 6, ("u", 2): 7, ("u", 4): 8, ("u", 8): 9,
    ("b", 1): 10,
}  # fmt: skip
_DTYPE_BY_CODE: dict[int, str] = {
    0: "<f8", 1: "<f4", 2: "i1", 3: "<i2", 4: "<i4", 5: "<i8",
    6: "u1", 7: "<u2", 8: "<u4", 9: "<u8", 10: "?",
}  # fmt: skip
_MAX_NDIM = 32


def is_ndarray(value: Any) -> bool:
    """True for numpy arrays; never imports numpy (no numpy loaded means no arrays exist)."""
    numpy = sys.modules.get("numpy")
    return numpy is not None and isinstance(value, numpy.ndarray)


def encodable(array: Any) -> bool:
    """Whether the array's dtype has a wire code; complex, object and string arrays do not."""
    return (array.dtype.kind, array.dtype.itemsize) in _CODE_BY_KIND and array.ndim <= _MAX_NDIM


def encode_parts(array: Any) -> tuple[bytes, memoryview]:
    """Header bytes and a memoryview of the data, C order, little-endian (copied only if it is not already)."""
    import numpy

    code = _CODE_BY_KIND[(array.dtype.kind, array.dtype.itemsize)]
    if array.dtype.byteorder == ">":
        array = array.astype(array.dtype.newbyteorder("<"))
    if not array.flags.c_contiguous:
        array = numpy.ascontiguousarray(array)
    ndim = array.ndim
    header_format = _HEADER_FORMATS.get(ndim)
    if header_format is None:
        header_format = _HEADER_FORMATS[ndim] = struct.Struct(f"<BB{ndim}I")
    header = header_format.pack(code, ndim, *array.shape)
    return header, memoryview(array).cast("B") if array.size else memoryview(b"")


_HEADER_FORMATS: dict[int, struct.Struct] = {}  # by ndim: a format string built and looked up per array cost ≈ 1 µs


def encode(array: Any) -> bytes:
    """The ext 1 payload as one bytes object (one copy of the data)."""
    header, data = encode_parts(array)
    return b"".join((header, data))


def decode(payload: bytes | memoryview) -> Any:
    """A read-only array viewing ``payload`` directly (zero copy); a memoryview keeps its bytes alive."""
    import numpy

    if len(payload) < 2:
        raise DecodeError("ext 1 (ndarray) payload is shorter than its 2-byte header")
    code, ndim = payload[0], payload[1]
    dtype = _DTYPE_BY_CODE.get(code)
    if dtype is None:
        raise DecodeError(f"ext 1 (ndarray) has unknown dtype code {code}; known codes are 0-10 (proto/CODEC.md)")
    offset = 2 + 4 * ndim
    if ndim > _MAX_NDIM or len(payload) < offset:
        raise DecodeError(f"ext 1 (ndarray) header is malformed: ndim {ndim}, {len(payload)} bytes")
    shape = struct.unpack_from(f"<{ndim}I", payload, 2)
    array = numpy.frombuffer(payload, dtype=dtype, offset=offset) if len(payload) > offset else numpy.empty(0, dtype)
    try:
        return array.reshape(shape)
    except ValueError as error:
        raise DecodeError(
            f"ext 1 (ndarray) data has {array.size} elements of {dtype} but the shape {shape} needs another count"
        ) from error
