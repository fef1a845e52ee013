from __future__ import annotations

import socket
import threading
from dataclasses import dataclass

import pytest

from snakepit_bridge import big_replies
from snakepit_bridge.gen.snakepit.v1 import bridge_pb2
from snakepit_bridge.session import add_server_replies, run_micros_of


@dataclass
class Job:
    """What big_replies reads of a CallJob."""

    id: int
    value: bytes | None = None
    error: bridge_pb2.PythonError | None = None
    run_ns: int = 0


def protobuf_frame(jobs: list[Job]) -> bytes:
    frame = bridge_pb2.ServerFrame()
    add_server_replies(frame, jobs)  # type: ignore[arg-type]
    body = frame.SerializeToString()
    return len(body).to_bytes(4, "little") + body


BIG = bytes(range(256)) * (big_replies.MIN_BYTES // 256 + 3)

CASES = {
    "one big reply": [Job(7, BIG, run_ns=4_321_000)],
    "id 0 and an empty value": [Job(0, BIG), Job(1, b"")],
    "a big id, an error and a small value": [
        Job(2**40, BIG),
        Job(3, error=bridge_pb2.PythonError(type="ValueError", message="bad", traceback="tb")),
        Job(4, b"\x93\x01\x02\x03", run_ns=999),
    ],
    "no run time at all": [Job(9, BIG[:-5])],
}


@pytest.mark.parametrize("jobs", CASES.values(), ids=CASES.keys())
def test_the_pieces_are_exactly_what_protobuf_writes(jobs: list[Job]) -> None:
    assert big_replies.worth_it(jobs)  # type: ignore[arg-type]
    written = b"".join(bytes(piece) for piece in big_replies.pieces(jobs, run_micros_of(jobs)))  # type: ignore[arg-type]
    assert written == protobuf_frame(jobs)
    parsed = bridge_pb2.ServerFrame.FromString(written[4:])
    assert [reply.id for reply in parsed.replies] == [job.id for job in jobs]


def test_small_frames_and_frames_of_many_replies_are_left_to_protobuf() -> None:
    assert not big_replies.worth_it([Job(1, b"x" * 1000)])  # type: ignore[list-item]
    assert not big_replies.worth_it([Job(1, error=bridge_pb2.PythonError(message="m"))])  # type: ignore[list-item]
    assert not big_replies.worth_it([Job(index, BIG) for index in range(5)])  # type: ignore[misc]


def test_the_big_value_is_handed_to_the_socket_as_it_is() -> None:
    value = bytearray(BIG)
    pieces = big_replies.pieces([Job(5, value)], 0)  # type: ignore[arg-type, list-item]
    assert any(piece is value for piece in pieces)


def test_send_writes_every_byte_through_a_socket_that_takes_a_little_at_a_time() -> None:
    jobs = CASES["a big id, an error and a small value"]
    expected = protobuf_frame(jobs)
    sender, receiver = socket.socketpair()
    sender.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4096)  # many partial sendmsg calls
    received = bytearray()

    def read() -> None:
        while len(received) < len(expected):
            chunk = receiver.recv(3000)
            if not chunk:
                break
            received.extend(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    big_replies.send(sender, big_replies.pieces(jobs, run_micros_of(jobs)))  # type: ignore[arg-type]
    reader.join(timeout=10)
    sender.close()
    receiver.close()
    assert bytes(received) == expected
