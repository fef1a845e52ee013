"""The two messages of a callback round trip, by hand: the invocation out, the answer in.

A Python loop that calls a TypeScript function (a scipy objective, a progress hook)
sends one of these per call. Building the protobuf messages and serializing them
cost about as much as encoding the arguments; the bytes below are the same ones
``ServerFrame(callbacks=[CallbackInvocation(...)]).SerializeToString()`` gives
(tests/test_callback_wire.py compares them), and protobuf parsers, grpcio's
included, read them like any other ServerFrame. The answer, a ClientFrame that holds
one CallbackReply with a value, is read by hand as well (``single_value_reply``);
anything else in a frame goes to protobuf.
"""

from __future__ import annotations

from .varints import VarintError, read_varint, write_varint

_CALLBACKS_FIELD = b"\x12"  # ServerFrame.callbacks = 2, length-delimited


def _length_delimited(tag: bytes, data: bytes) -> bytes:
    return tag + write_varint(len(data)) + data if data else b""


def invocation_frame(
    invocation_id: int, handle: int, tool: str, args: bytes, kwargs: bytes, deadline_ms: int, call_id: int
) -> bytes:
    """A serialized ServerFrame holding one CallbackInvocation (fields at their default are left out)."""
    body = b"".join(
        (
            b"\x08" + write_varint(invocation_id) if invocation_id else b"",
            b"\x10" + write_varint(handle) if handle else b"",
            _length_delimited(b"\x1a", tool.encode()) if tool else b"",
            _length_delimited(b"\x22", args),
            _length_delimited(b"\x2a", kwargs),
            b"\x30" + write_varint(deadline_ms) if deadline_ms else b"",
            b"\x38" + write_varint(call_id) if call_id else b"",
        )
    )
    return _CALLBACKS_FIELD + write_varint(len(body)) + body


_CALLBACK_REPLIES_FIELD = 0x22  # ClientFrame.callback_replies = 4, length-delimited
_REPLY_ID = 0x08  # CallbackReply.id = 1, varint
_REPLY_VALUE = 0x12  # CallbackReply.value = 2, length-delimited


def single_value_reply(message: bytes) -> tuple[int, bytes] | None:
    """``(id, value)`` when ``message`` (a serialized ClientFrame) is exactly one CallbackReply
    holding a value — what a TS function's answer is; None for anything else (protobuf reads it)."""
    end = len(message)
    if end < 2 or message[0] != _CALLBACK_REPLIES_FIELD:
        return None
    try:
        length, position = read_varint(message, 1)
        if position + length != end:
            return None
        invocation_id = 0
        value: bytes | None = None
        while position < end:
            tag = message[position]
            if tag == _REPLY_ID:
                invocation_id, position = read_varint(message, position + 1)
            elif tag == _REPLY_VALUE:
                size, position = read_varint(message, position + 1)
                value = message[position : position + size]
                position += size
            else:
                return None  # an error, or a field this reader does not know
    except (IndexError, VarintError):
        return None  # truncated: protobuf says what is wrong
    return (invocation_id, value) if value is not None and position == end else None
