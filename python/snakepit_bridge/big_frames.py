"""A big ClientFrame read without copying its payloads: ``args`` and ``kwargs`` stay views.

An 1e6-float64 argument arrives as an 8 MB fast-lane message. Parsed by protobuf, it is
copied twice more before numpy sees it: into protobuf's arena, and again into a new
``bytes`` object each time ``request.args`` is read. For a message of ``MIN_BYTES`` or
more that holds only calls (the common big message: a call with an array), this module
reads the protobuf wire format itself and gives each call ``args``/``kwargs`` as
``memoryview`` slices of the received buffer, so ``large_args`` can view the array in
place. Anything else (cancels, releases, callback replies, a field this reader does not
know) returns None and the frame is parsed by protobuf as before.

    frame = parse_calls_only(message)       # None: use bridge_pb2.ClientFrame.FromString
    frame.calls[0].args                     # memoryview into ``message``
"""

from __future__ import annotations

from typing import Any

from .varints import VarintError, read_varint

#: Messages at least this big are read here; smaller ones cost little to copy.
MIN_BYTES = 1 << 20

_VARINT = 0
_LENGTH_DELIMITED = 2


class FrameOfCalls:
    """What SessionChannel reads of a ClientFrame, for a frame that holds calls only."""

    __slots__ = ("calls", "client_polling")

    cancel: tuple[int, ...] = ()
    release: tuple[str, ...] = ()
    callback_replies: tuple[Any, ...] = ()

    def __init__(self, calls: list[CallOfFrame], client_polling: bool = False) -> None:
        self.calls = calls
        self.client_polling = client_polling


class CallOfFrame:
    """The fields of a CallRequest (same names and defaults); ``args``/``kwargs`` are views."""

    __slots__ = (
        "id", "target", "ref_id", "attribute", "args", "kwargs", "deadline_ms", "result_mode", "kind",
        "traceparent", "tracestate",
    )  # fmt: skip

    def __init__(self) -> None:
        self.id = 0
        self.target = ""
        self.ref_id = ""
        self.attribute = ""
        self.args: bytes | memoryview = b""
        self.kwargs: bytes | memoryview = b""
        self.deadline_ms = 0
        self.result_mode = 0
        self.kind = 0
        self.traceparent = ""
        self.tracestate = ""


# field number → (attribute, wire type, how to read a length-delimited value)
_STRING, _BYTES = "string", "bytes"
_CALL_FIELDS: dict[int, tuple[str, int, str]] = {
    1: ("id", _VARINT, ""),
    2: ("target", _LENGTH_DELIMITED, _STRING),
    3: ("ref_id", _LENGTH_DELIMITED, _STRING),
    4: ("attribute", _LENGTH_DELIMITED, _STRING),
    5: ("args", _LENGTH_DELIMITED, _BYTES),
    6: ("kwargs", _LENGTH_DELIMITED, _BYTES),
    7: ("deadline_ms", _VARINT, ""),
    8: ("result_mode", _VARINT, ""),
    9: ("kind", _VARINT, ""),
    10: ("traceparent", _LENGTH_DELIMITED, _STRING),
    11: ("tracestate", _LENGTH_DELIMITED, _STRING),
}


class _Unsupported(Exception):
    """The message holds something this reader leaves to protobuf."""


def parse_calls_only(message: bytes | bytearray | memoryview) -> FrameOfCalls | None:
    """The calls of ``message`` with payloads as views, or None when protobuf should parse it."""
    view = memoryview(message)
    calls: list[CallOfFrame] = []
    client_polling = False
    try:
        position = 0
        end = len(view)
        while position < end:
            tag, position = read_varint(view, position)
            if tag == _CLIENT_POLLING_TAG:
                value, position = read_varint(view, position)
                client_polling = value != 0
                continue
            if tag != (1 << 3) | _LENGTH_DELIMITED:
                return None  # cancels, releases, callback replies: rare in a big frame, protobuf reads them
            length, position = read_varint(view, position)
            if position + length > end:
                return None
            calls.append(_call(view, position, position + length))
            position += length
    except (_Unsupported, VarintError):
        return None
    return FrameOfCalls(calls, client_polling)


_CLIENT_POLLING_TAG = (5 << 3) | _VARINT  # ClientFrame.client_polling


def _call(view: memoryview, position: int, end: int) -> CallOfFrame:
    call = CallOfFrame()
    while position < end:
        tag, position = read_varint(view, position)
        field = _CALL_FIELDS.get(tag >> 3)
        if field is None or field[1] != tag & 7:
            raise _Unsupported
        name, wire_type, kind = field
        if wire_type == _VARINT:
            value, position = read_varint(view, position)
            setattr(call, name, value)
            continue
        length, position = read_varint(view, position)
        if position + length > end:
            raise _Unsupported
        chunk = view[position : position + length]
        setattr(call, name, str(chunk, "utf-8") if kind == _STRING else chunk)
        position += length
    return call
