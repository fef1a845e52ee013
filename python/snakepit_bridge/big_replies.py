"""A ServerFrame with a big reply written to the fast-lane socket without copying the reply.

The counterpart of big_frames.py, for the other direction. A DataFrame or array result of
8 MB travelled as: the reply's bytes copied into protobuf's message, copied again by
``SerializeToString``, copied once more when the length prefix was put in front, then
written. For a frame whose replies hold ``MIN_BYTES`` or more, this module writes the
protobuf wire format itself — the frame's small parts by hand, each big value as it is —
and hands the pieces to one ``sendmsg``: the reply is copied only by the kernel. The bytes
on the wire are exactly protobuf's (``tests/test_big_replies.py`` compares them).

    if big_replies.worth_it(jobs):
        big_replies.send(sock, big_replies.pieces(jobs, run_micros))
"""

from __future__ import annotations

import socket
import struct
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .varints import write_varint

if TYPE_CHECKING:
    from .calls import CallJob

#: Frames whose replies hold at least this many bytes are written here.
MIN_BYTES = 1 << 20

_LENGTH = struct.Struct("<I")
_REPLIES = bytes(((1 << 3) | 2,))  # ServerFrame.replies, length-delimited
_ID = bytes(((1 << 3) | 0,))  # CallReply.id, varint
_VALUE = bytes(((2 << 3) | 2,))  # CallReply.value, length-delimited
_RUN_MICROS = bytes(((5 << 3) | 0,))  # ServerFrame.run_micros, varint
# Frames of more replies go through protobuf (see worth_it).
_MAX_REPLIES = 4
# sendmsg takes at most IOV_MAX (1024 on Linux) buffers a call.
_MAX_PIECES = 1000


def worth_it(jobs: Sequence[CallJob]) -> bool:
    """Whether a frame of ``jobs`` is written here: a few replies whose values add up to ``MIN_BYTES`` or more.

    Frames of many replies (the lane's 32 cheap calls) are not even looked at: a big result
    comes back on its own or nearly, and this check runs for every frame.
    """
    if len(jobs) > _MAX_REPLIES:
        return False
    total = 0
    for job in jobs:
        if job.error is None and job.value:
            total += len(job.value)
    return total >= MIN_BYTES


def pieces(jobs: Sequence[CallJob], run_micros: int) -> list[bytes | memoryview]:
    """The frame, length prefix first, as pieces whose concatenation is the serialized message."""
    from .gen.snakepit.v1 import bridge_pb2

    body: list[bytes | memoryview] = []
    for job in jobs:
        if job.error is not None:
            reply = bridge_pb2.CallReply(id=job.id, error=job.error).SerializeToString()
            body += (_REPLIES, write_varint(len(reply)), reply)
            continue
        value = job.value or b""
        # proto3 leaves out an id of 0; a value, even empty, is written (it is in a oneof).
        head = (_ID + write_varint(job.id) if job.id else b"") + _VALUE + write_varint(len(value))
        body += (_REPLIES, write_varint(len(head) + len(value)), head, value)
    if run_micros:
        body += (_RUN_MICROS, write_varint(run_micros))
    size = sum(len(piece) for piece in body)
    return [_LENGTH.pack(size), *body]


def send(sock: socket.socket, message: Sequence[bytes | memoryview]) -> None:
    """Writes a message given in pieces (``pieces()``) to ``sock``: every byte, however many calls it takes."""
    views = [memoryview(piece).cast("B") for piece in message if len(piece)]
    while views:
        sent = sock.sendmsg(views[:_MAX_PIECES])
        while views and sent >= len(views[0]):
            sent -= len(views[0])
            views.pop(0)
        if sent:
            views[0] = views[0][sent:]
