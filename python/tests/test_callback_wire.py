"""The hand-written invocation frame is byte for byte what protobuf writes."""

from __future__ import annotations

import pytest

from snakepit_bridge.callback_wire import invocation_frame, single_value_reply
from snakepit_bridge.gen.snakepit.v1 import bridge_pb2

CASES = [
    dict(invocation_id=1, handle=3, tool="", args=b"\x91\x07", kwargs=b"", deadline_ms=0, call_id=9),
    dict(invocation_id=2, handle=0, tool="lookup_price", args=b"", kwargs=b"\x80", deadline_ms=250, call_id=0),
    dict(
        invocation_id=2**45,
        handle=2**35,
        tool="naïve",
        args=bytes(70_000),
        kwargs=b"\x81\xa1k\x01",
        deadline_ms=2**32 - 1,
        call_id=2**50,
    ),
    dict(invocation_id=127, handle=128, tool="", args=b"", kwargs=b"", deadline_ms=16_384, call_id=0),
]


@pytest.mark.parametrize("fields", CASES)
def test_invocation_frame_matches_protobuf(fields: dict) -> None:
    expected = bridge_pb2.ServerFrame(
        callbacks=[
            bridge_pb2.CallbackInvocation(
                id=fields["invocation_id"],
                handle=fields["handle"],
                tool=fields["tool"],
                args=fields["args"],
                kwargs=fields["kwargs"],
                deadline_ms=fields["deadline_ms"],
                call_id=fields["call_id"],
            )
        ]
    )
    written = invocation_frame(**fields)
    assert written == expected.SerializeToString()
    assert bridge_pb2.ServerFrame.FromString(written) == expected


def test_invocation_frames_merge_into_a_session_frame() -> None:
    """The gRPC session path merges queued invocations into one ServerFrame (session.replies)."""
    frame = bridge_pb2.ServerFrame()
    frame.MergeFromString(invocation_frame(1, 3, "", b"\x90", b"", 0, 0))
    frame.MergeFromString(invocation_frame(2, 4, "", b"\x90", b"", 0, 0))
    assert [invocation.handle for invocation in frame.callbacks] == [3, 4]


def _client_frame(*replies: bridge_pb2.CallbackReply, **other: object) -> bytes:
    return bridge_pb2.ClientFrame(callback_replies=list(replies), **other).SerializeToString()


@pytest.mark.parametrize(
    ("invocation_id", "value"), [(1, b"\x03"), (2**40, b"\x92\x01\x02"), (5, b""), (300, bytes(70_000))]
)
def test_an_answer_with_a_value_is_read_by_hand(invocation_id: int, value: bytes) -> None:
    message = _client_frame(bridge_pb2.CallbackReply(id=invocation_id, value=value))
    assert single_value_reply(message) == (invocation_id, value)


def test_anything_else_is_left_to_protobuf() -> None:
    error = bridge_pb2.CallbackReply(id=1, error=bridge_pb2.CallbackError(name="TypeError", message="no"))
    two = (bridge_pb2.CallbackReply(id=1, value=b"\x01"), bridge_pb2.CallbackReply(id=2, value=b"\x02"))
    assert single_value_reply(_client_frame(error)) is None
    assert single_value_reply(_client_frame(*two)) is None
    assert single_value_reply(_client_frame(bridge_pb2.CallbackReply(id=1, value=b"\x01"), cancel=[3])) is None
    assert single_value_reply(bridge_pb2.ClientFrame(cancel=[3]).SerializeToString()) is None
    whole = _client_frame(bridge_pb2.CallbackReply(id=7, value=b"\x01\x02\x03"))
    assert single_value_reply(whole[:-1]) is None  # truncated
    assert single_value_reply(b"") is None
