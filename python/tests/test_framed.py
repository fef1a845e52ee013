"""The fast lane (framed.py): Session frames over a plain Unix socket, with the token first."""

from __future__ import annotations

import socket
import stat
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import TOKEN, Worker, start_worker, stop_worker
from rpc_helpers import ref_id_of, request, value_of

from snakepit_bridge.gen.snakepit.v1 import bridge_pb2

_LENGTH = struct.Struct("<I")


class FrameClient:
    def __init__(self, path: str, token: str) -> None:
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.socket.connect(path)
        self._write(token.encode())

    def send(self, frame: bridge_pb2.ClientFrame) -> None:
        self._write(frame.SerializeToString())

    def receive(self) -> bridge_pb2.ServerFrame:
        body = self._read_exactly(_LENGTH.unpack(self._read_exactly(4))[0])
        return bridge_pb2.ServerFrame.FromString(body)

    def _write(self, body: bytes) -> None:
        self.socket.sendall(_LENGTH.pack(len(body)) + body)

    def _read_exactly(self, size: int) -> bytes:
        data = b""
        while len(data) < size:
            chunk = self.socket.recv(size - len(data))
            if not chunk:
                raise ConnectionError("the worker closed the fast-lane socket")
            data += chunk
        return data


@pytest.fixture(scope="module")
def framed_worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Worker, str]]:
    folder = tmp_path_factory.mktemp("framed")
    frame_socket = folder / "worker.frames.sock"
    worker = start_worker(folder / "worker.sock", extra=["--frame-socket", str(frame_socket)])
    try:
        yield worker, str(frame_socket)
    finally:
        stop_worker(worker)


def test_the_ready_line_names_the_fast_lane_and_its_socket_is_private(framed_worker: tuple[Worker, str]) -> None:
    worker, path = framed_worker
    assert worker.handshake["frame_address"] == f"unix:{path}"
    assert stat.S_IMODE(Path(path).stat().st_mode) == 0o600


def test_a_frame_of_calls_is_answered_in_one_frame(framed_worker: tuple[Worker, str]) -> None:
    client = FrameClient(framed_worker[1], TOKEN)
    client.send(bridge_pb2.ClientFrame(calls=[request(index + 1, "operator.add", index, 1) for index in range(64)]))
    frame = client.receive()
    assert {reply.id: value_of(reply) for reply in frame.replies} == {index + 1: index + 1 for index in range(64)}


def test_errors_and_cancels_behave_as_on_the_session_rpc(framed_worker: tuple[Worker, str]) -> None:
    client = FrameClient(framed_worker[1], TOKEN)
    client.send(bridge_pb2.ClientFrame(calls=[request(1, "math.sqrt", -1), request(2, "time.sleep", 30)]))
    client.send(bridge_pb2.ClientFrame(cancel=[2]))
    replies: dict[int, bridge_pb2.CallReply] = {}
    while len(replies) < 2:
        replies.update({reply.id: reply for reply in client.receive().replies})
    assert replies[1].error.type == "ValueError"
    assert replies[2].error.bridge_code == "cancelled"


def test_a_wrong_token_gets_one_refusal_and_the_connection_closes(framed_worker: tuple[Worker, str]) -> None:
    client = FrameClient(framed_worker[1], "not-the-token")
    refusal = client.receive()
    assert refusal.replies[0].id == 0 and "token" in refusal.replies[0].error.message
    assert client.socket.recv(1) == b""


def test_frames_split_across_writes_or_sharing_one_are_each_read_once_in_order(
    framed_worker: tuple[Worker, str],
) -> None:
    # The executor and the helper read the socket in turns (lane_turns.py), one recv at a time:
    # a frame may arrive in pieces (a big one is filled in place) or several in one piece.
    client = FrameClient(framed_worker[1], TOKEN)
    big = "x" * 300_000
    wire = b"".join(
        _LENGTH.pack(len(body)) + body
        for body in (
            bridge_pb2.ClientFrame(calls=[request(1, "operator.add", 1, 1)]).SerializeToString(),
            bridge_pb2.ClientFrame(calls=[request(2, "builtins.len", big)]).SerializeToString(),
            bridge_pb2.ClientFrame(calls=[request(3, "operator.add", 2, 1)]).SerializeToString(),
        )
    )
    for start in range(0, len(wire), 70_001):  # pieces that cut lengths, headers and bodies
        client.socket.sendall(wire[start : start + 7])
        client.socket.sendall(wire[start + 7 : start + 70_001])
    replies: list[bridge_pb2.CallReply] = []
    while len(replies) < 3:
        replies.extend(client.receive().replies)
    assert [reply.error.message for reply in replies if reply.HasField("error")] == []
    assert [(reply.id, value_of(reply)) for reply in replies] == [(1, 2), (2, 300_000), (3, 3)]


def test_a_long_call_does_not_stop_other_connections_from_being_read(framed_worker: tuple[Worker, str]) -> None:
    # While the executor runs user code the helper thread reads every connection: a cancel sent on
    # the busy call's own connection after a call queued from another connection still gets through.
    busy = FrameClient(framed_worker[1], TOKEN)
    other = FrameClient(framed_worker[1], TOKEN)
    busy.send(bridge_pb2.ClientFrame(calls=[request(1, "time.sleep", 30)]))
    other.send(bridge_pb2.ClientFrame(calls=[request(7, "operator.add", 3, 4)]))
    busy.send(bridge_pb2.ClientFrame(cancel=[1]))
    assert busy.receive().replies[0].error.bridge_code == "cancelled"
    reply = other.receive().replies[0]
    assert (reply.id, value_of(reply)) == (7, 7)


def _array_args(value: float) -> bytes:
    """Positional args holding one 200,000-element float64 array (1.6 MB: a big message)."""
    import msgpack
    import numpy

    from snakepit_bridge import ndarray

    data = ndarray.encode(numpy.full(200_000, value, dtype="<f8"))
    return msgpack.packb([msgpack.ExtType(ndarray.NDARRAY_EXT, data)])


def test_an_array_python_still_holds_is_never_overwritten_by_the_next_big_message(
    framed_worker: tuple[Worker, str],
) -> None:
    # The arrays of a big message view the received bytes in place (big_frames.py, large_args.py).
    client = FrameClient(framed_worker[1], TOKEN)
    client.send(bridge_pb2.ClientFrame(calls=[request(1, "numpy.asarray", args=_array_args(1.0), result_mode=1)]))
    held = ref_id_of(client.receive().replies[0])
    # A message of exactly the same size (same id width, target length and fields) comes next.
    client.send(bridge_pb2.ClientFrame(calls=[request(2, "numpy.average", args=_array_args(2.0), result_mode=2)]))
    assert value_of(client.receive().replies[0]) == 2.0
    client.send(bridge_pb2.ClientFrame(calls=[request(4, "", ref_id=held, attribute="sum")]))
    assert value_of(client.receive().replies[0]) == 200_000.0
