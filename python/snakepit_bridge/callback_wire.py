"""The ServerFrame of one callback invocation, written by hand.

A Python loop that calls a TypeScript function (a scipy objective, a progress hook)
sends one of these per call. Building the protobuf messages and serializing them
cost about as much as encoding the arguments; the bytes below are the same ones
``ServerFrame(callbacks=[CallbackInvocation(...)]).SerializeToString()`` gives
(tests/test_callback_wire.py compares them), and protobuf parsers, grpcio's
included, read them like any other ServerFrame.
"""

from __future__ import annotations

_CALLBACKS_FIELD = b"\x12"  # ServerFrame.callbacks = 2, length-delimited


def _varint(value: int) -> bytes:
    if value < 0x80:
        return bytes((value,))
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _length_delimited(tag: bytes, data: bytes) -> bytes:
    return tag + _varint(len(data)) + data if data else b""


def invocation_frame(
    invocation_id: int, handle: int, tool: str, args: bytes, kwargs: bytes, deadline_ms: int, call_id: int
) -> bytes:
    """A serialized ServerFrame holding one CallbackInvocation (fields at their default are left out)."""
    body = b"".join(
        (
            b"\x08" + _varint(invocation_id) if invocation_id else b"",
            b"\x10" + _varint(handle) if handle else b"",
            _length_delimited(b"\x1a", tool.encode()) if tool else b"",
            _length_delimited(b"\x22", args),
            _length_delimited(b"\x2a", kwargs),
            b"\x30" + _varint(deadline_ms) if deadline_ms else b"",
            b"\x38" + _varint(call_id) if call_id else b"",
        )
    )
    return _CALLBACKS_FIELD + _varint(len(body)) + body
