"""big_frames reads what protobuf reads, with payloads as views of the received buffer."""

from __future__ import annotations

import msgpack
import numpy
import pytest

from snakepit_bridge import big_frames, ndarray
from snakepit_bridge.codec import Codec
from snakepit_bridge.gen.snakepit.v1 import bridge_pb2
from snakepit_bridge.refs import RefRegistry

_FIELDS = (
    "id",
    "target",
    "ref_id",
    "attribute",
    "args",
    "kwargs",
    "deadline_ms",
    "result_mode",
    "kind",
    "traceparent",
    "tracestate",
)


def _big_args() -> bytes:
    return msgpack.packb([msgpack.ExtType(ndarray.NDARRAY_EXT, ndarray.encode(numpy.arange(200_000, dtype="<f8"))), 3])


def test_reads_every_call_field_as_protobuf_does() -> None:
    calls = [
        bridge_pb2.CallRequest(
            id=2**40 + 7,
            target="numpy.sum",
            args=_big_args(),
            kwargs=msgpack.packb({"axis": 0}),
            deadline_ms=1500,
            result_mode=2,
            kind=0,
            traceparent="00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            tracestate="a=b",
        ),
        bridge_pb2.CallRequest(id=3, ref_id="r9", attribute="fit", args=b"\x90", kind=1),
    ]
    message = bytearray(bridge_pb2.ClientFrame(calls=calls).SerializeToString())
    frame = big_frames.parse_calls_only(message)
    assert frame is not None and len(frame.calls) == 2
    for ours, theirs in zip(frame.calls, calls):
        for name in _FIELDS:
            value = getattr(ours, name)
            assert (bytes(value) if isinstance(value, memoryview) else value) == getattr(theirs, name), name
    assert isinstance(frame.calls[0].args, memoryview) and frame.calls[0].args.obj is message  # no copy
    assert (frame.cancel, frame.release, frame.callback_replies) == ((), (), ())
    assert frame.client_polling is False
    polled = bridge_pb2.ClientFrame(calls=calls, client_polling=True).SerializeToString()
    polled_frame = big_frames.parse_calls_only(polled)
    assert polled_frame is not None and polled_frame.client_polling is True and len(polled_frame.calls) == 2


def test_the_array_argument_views_the_received_bytes() -> None:
    message = bytearray(
        bridge_pb2.ClientFrame(
            calls=[bridge_pb2.CallRequest(id=1, target="numpy.sum", args=_big_args())]
        ).SerializeToString()
    )
    frame = big_frames.parse_calls_only(message)
    assert frame is not None
    array, three = Codec(RefRegistry()).decode_args(frame.calls[0].args)  # type: ignore[arg-type]
    assert three == 3 and float(array.sum()) == float(numpy.arange(200_000).sum())
    assert numpy.shares_memory(array, numpy.frombuffer(message, dtype="u1"))


@pytest.mark.parametrize(
    "frame",
    [
        bridge_pb2.ClientFrame(calls=[bridge_pb2.CallRequest(id=1, target="f")], cancel=[4]),
        bridge_pb2.ClientFrame(calls=[bridge_pb2.CallRequest(id=1, target="f")], release=["r1"]),
        bridge_pb2.ClientFrame(callback_replies=[bridge_pb2.CallbackReply(id=1, value=b"\xc0")]),
    ],
)
def test_leaves_other_frames_to_protobuf(frame: bridge_pb2.ClientFrame) -> None:
    assert big_frames.parse_calls_only(frame.SerializeToString()) is None


def test_leaves_truncated_and_unknown_input_to_protobuf() -> None:
    whole = bridge_pb2.ClientFrame(
        calls=[bridge_pb2.CallRequest(id=1, target="numpy.sum", args=_big_args())]
    ).SerializeToString()
    assert big_frames.parse_calls_only(whole[: len(whole) // 2]) is None
    unknown_field = bytes([(1 << 3) | 2, 3, (15 << 3) | 0, 1, 0])
    assert big_frames.parse_calls_only(unknown_field) is None
