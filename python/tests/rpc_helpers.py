"""Small helpers for talking to a worker from tests."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from typing import Any

import msgpack

from snakepit_bridge.codec import Codec
from snakepit_bridge.gen.snakepit.v1 import bridge_pb2
from snakepit_bridge.refs import RefRegistry


def request(call_id: int, target: str = "", *args: Any, **fields: Any) -> bridge_pb2.CallRequest:
    """A CallRequest; positional ``args`` are packed, or pass raw ``args=b"..."`` bytes in ``fields``."""
    kwargs = fields.pop("kwargs", None)
    raw_args = fields.pop("args", b"")
    return bridge_pb2.CallRequest(
        id=call_id,
        target=target,
        args=msgpack.packb(list(args), use_bin_type=True) if args else raw_args,
        kwargs=msgpack.packb(kwargs) if kwargs else b"",
        **fields,
    )


def value_of(reply: bridge_pb2.CallReply | bridge_pb2.StreamItem) -> Any:
    """The decoded value of a reply or stream item (tuples, sets, arrays as the bridge codec reads them)."""
    data = reply.value if isinstance(reply, bridge_pb2.CallReply) else reply.item
    return Codec(RefRegistry()).decode(data)


def ref_id_of(reply: bridge_pb2.CallReply) -> str:
    ext = msgpack.unpackb(reply.value)
    assert isinstance(ext, msgpack.ExtType) and ext.code == 6, reply
    return msgpack.unpackb(ext.data)[0]


class SessionClient:
    """One Session stream: send frames, read frames."""

    def __init__(self, stub: Any, metadata: Any) -> None:
        self._outgoing: queue.SimpleQueue[bridge_pb2.ClientFrame | None] = queue.SimpleQueue()
        self.replies = stub.Session(self._frames(), metadata=metadata)

    def _frames(self) -> Iterator[bridge_pb2.ClientFrame]:
        while True:
            frame = self._outgoing.get()
            if frame is None:
                return
            yield frame

    def send(self, *calls: bridge_pb2.CallRequest, cancel: tuple[int, ...] = (), release: tuple[str, ...] = ()) -> None:
        self._outgoing.put(bridge_pb2.ClientFrame(calls=list(calls), cancel=list(cancel), release=list(release)))

    def collect(self, count: int) -> dict[int, bridge_pb2.CallReply]:
        """Reads frames until ``count`` replies arrived; returns them by id."""
        replies: dict[int, bridge_pb2.CallReply] = {}
        while len(replies) < count:
            frame = next(self.replies)
            for reply in frame.replies:
                replies[reply.id] = reply
        return replies

    def close(self) -> None:
        self._outgoing.put(None)
