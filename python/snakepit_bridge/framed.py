"""The fast lane: Session frames over a plain Unix socket, for a client on the same host.

grpcio pays about 0.4 ms per message in Python (HTTP/2 framing, its completion queue,
thread hand-offs), eight times the cost of a trivial call. This socket carries the same
messages as the Session RPC — ClientFrame in, ServerFrame out — each prefixed by its
length (uint32, little endian), and runs them through the same SessionChannel, so
calls, cancels, releases and replies behave exactly as on gRPC. Everything else
(Stream, Describe, Health, Batch with stop_on_error, TCP and remote workers) stays on gRPC.

The socket lives next to the gRPC socket in the pool's private 0700 directory and is
0600. The first message of a connection is the token (UTF-8, empty when the worker has
none), checked like the gRPC metadata; a wrong token gets one ServerFrame whose only
reply has id 0 and a PythonError, and the connection is closed.

    lane = FrameListener(servicer, "/run/user/1000/snakepit/w1.frames.sock", token)
    lane.start()                      # accepts on a thread of its own
"""

from __future__ import annotations

import hmac
import logging
import os
import socket
import struct
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import big_frames, big_replies, callback_wire
from .errors import CallInterrupted
from .gen.snakepit.v1 import bridge_pb2  # at module level: a local import costs ≈ 1 µs per call
from .session import add_server_replies, run_micros_of

if TYPE_CHECKING:
    from .calls import CallJob
    from .lane_turns import LaneTurns
    from .server import BridgeServicer
    from .session import SessionChannel

_log = logging.getLogger(__name__)
_LENGTH = struct.Struct("<I")
_RECEIVE_CHUNK = 1 << 16


class FrameListener:
    """Accepts fast-lane connections; each one is a Session of the servicer."""

    def __init__(
        self,
        servicer: BridgeServicer,
        path: str,
        token: str | None,
        max_message_bytes: int = 256 * 1024 * 1024,
    ) -> None:
        self.path = path
        self._servicer = servicer
        self._token = (token or "").encode()
        self._max_message_bytes = max_message_bytes
        self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)

    def start(self) -> str:
        """Binds (socket file 0600) and starts accepting; returns the address for the ready line."""
        if os.path.exists(self.path):
            os.unlink(self.path)
        previous_umask = os.umask(0o177)
        try:
            self._socket.bind(self.path)
        finally:
            os.umask(previous_umask)
        self._socket.listen(16)
        threading.Thread(target=self._accept_forever, name="snakepit-frames-accept", daemon=True).start()
        return f"unix:{self.path}"

    def stop(self) -> None:
        try:
            self._socket.close()
        finally:
            if os.path.exists(self.path):
                os.unlink(self.path)

    def _accept_forever(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return  # the listening socket was closed: the worker is stopping
            _FrameConnection(connection, self._servicer, self._token, self._max_message_bytes).start()


class _FrameConnection:
    """One client. Its own thread only checks the token; then the executor reads the socket
    while idle and a helper thread while the executor runs user code (lane_turns.py), and
    the executor sends each frame's replies itself as soon as they are ready: a lone call
    costs no thread hand-off at all. The client always reads its socket, so a blocking
    send only waits while Node is busy."""

    def __init__(self, connection: socket.socket, servicer: BridgeServicer, token: bytes, max_bytes: int) -> None:
        self._connection = connection
        self._servicer = servicer
        self._token = token
        self._max_bytes = max_bytes
        self._buffer = bytearray()
        self._big: bytearray | None = None  # a message larger than a receive chunk, filled in place
        self._big_have = 0
        self._send_lock = threading.Lock()
        self._open = True
        self._fd = connection.fileno()
        self._channel: SessionChannel | None = None
        self._turns: LaneTurns | None = None

    def start(self) -> None:
        threading.Thread(target=self._greet, name="snakepit-frames", daemon=True).start()

    def fileno(self) -> int:
        return self._fd

    def _greet(self) -> None:
        """Checks the token, then hands the socket to the executor's lane turns."""
        try:
            presented = self._read_message()
            if presented is None:
                self._connection.close()
                return
            if self._token and not hmac.compare_digest(bytes(presented), self._token):
                self._refuse()
                self._connection.close()
                return
            self._channel = self._servicer.open_channel(sink=self._send)
            self._dispatch_buffered()  # frames that came with the token
        except Exception as error:  # noqa: BLE001 - a broken stream ends like a closed one
            _log.debug("fast-lane connection ended: %s", error)
            self._end()
            return
        if self._open:
            self._turns = self._servicer.runtime.executor.lane_turns()
            self._turns.add(self)

    def pump(self) -> None:
        """Reads what the socket has (it is readable) and acts on every complete frame; ends at EOF."""
        try:
            big = self._big
            if big is not None:
                # Drain what has arrived, not one read per wake-up: an 8 MB array comes in
                # socket-buffer-sized pieces, and each extra turn through poll costs a syscall.
                view = memoryview(big)
                have = self._big_have
                receive_into = self._connection.recv_into
                while have < len(big):
                    try:
                        received = receive_into(view[have:], 0, socket.MSG_DONTWAIT)
                    except BlockingIOError:
                        break
                    if not received:
                        return self._end()
                    have += received
                self._big_have = have
                if have < len(big):
                    return None
                self._big = None
                self._accept(big)
            else:
                chunk = self._connection.recv(_RECEIVE_CHUNK)
                if not chunk:
                    return self._end()
                self._buffer += chunk
            self._dispatch_buffered()
        except CallInterrupted:
            raise  # meant for the call the executor waits under (run_until), not for this connection
        except Exception as error:  # noqa: BLE001 - a broken or hostile stream ends like a closed one
            _log.debug("fast-lane connection ended: %s", error)
            self._end()
        return None

    def _dispatch_buffered(self) -> None:
        """Acts on the complete frames in the buffer; starts an in-place buffer for a big partial one."""
        buffer = self._buffer
        while self._open and len(buffer) >= 4:
            (length,) = _LENGTH.unpack_from(buffer)
            if length > self._max_bytes:
                raise OSError(f"a fast-lane message of {length} bytes exceeds the limit of {self._max_bytes}")
            if len(buffer) >= 4 + length:
                message = bytes(buffer[4 : 4 + length])
                del buffer[: 4 + length]
                self._accept(message)
            elif length > _RECEIVE_CHUNK:
                # A big message (an array): received straight into its own buffer, no growing and no re-copying.
                whole = bytearray(length)
                have = len(buffer) - 4
                whole[:have] = buffer[4:]
                buffer.clear()
                self._big, self._big_have = whole, have
                return
            else:
                return

    def _accept(self, message: bytes | bytearray) -> None:
        assert self._channel is not None
        # A TS function's answer (a Python loop's callback) skips protobuf: callback_wire.py.
        answer = callback_wire.single_value_reply(message)
        if answer is not None:
            self._channel.callbacks.resolve_value(*answer)
            return
        # A big frame of calls keeps its payloads where they were received (big_frames.py).
        frame = big_frames.parse_calls_only(message) if len(message) >= big_frames.MIN_BYTES else None
        self._channel.accept(frame if frame is not None else bridge_pb2.ClientFrame.FromString(message))  # type: ignore[arg-type]

    def _end(self) -> None:
        """The client closed the socket (or broke the stream): it waits for nothing any more, like a cancelled RPC."""
        if not self._open:
            return
        self._open = False
        if self._turns is not None:
            self._turns.remove(self, self._fd)
        channel = self._channel
        if channel is not None:
            channel.end_input()
            self._servicer.close_channel(channel)
        self._connection.close()

    def _send(self, jobs: Sequence[CallJob] | object) -> None:
        """The session's sink: one ServerFrame per finished frame of calls; the end marker needs nothing."""
        if not self._open:
            return
        if isinstance(jobs, bytes):
            body = jobs  # a callback invocation, already serialized (callback_wire.py)
        elif isinstance(jobs, bridge_pb2.ServerFrame):
            body = jobs.SerializeToString()  # callback cancels and releases (callbacks.py)
        elif isinstance(jobs, list):
            if big_replies.worth_it(jobs):  # a big result: its pieces, the reply not copied (big_replies.py)
                self._write(big_replies.pieces(jobs, run_micros_of(jobs)))
                return
            frame = bridge_pb2.ServerFrame()
            add_server_replies(frame, jobs)
            body = frame.SerializeToString()
        else:
            return
        self._write((_LENGTH.pack(len(body)) + body,))

    def _write(self, pieces: Sequence[bytes | memoryview]) -> None:
        """Writes one length-prefixed message, whole or in pieces, under the send lock."""
        try:
            with self._send_lock:
                if len(pieces) == 1:
                    self._connection.sendall(pieces[0])
                else:
                    big_replies.send(self._connection, pieces)
        except OSError as error:  # the client is gone; its reader ends the session
            _log.debug("fast-lane send failed: %s", error)

    def _read_message(self) -> bytes | bytearray | None:
        """The next length-prefixed message, or None at a clean end of the stream."""
        buffer = self._buffer
        receive = self._connection.recv
        while len(buffer) < 4:
            chunk = receive(_RECEIVE_CHUNK)
            if not chunk:
                return None
            buffer += chunk
        (length,) = _LENGTH.unpack_from(buffer)
        if length > self._max_bytes:
            raise OSError(f"a fast-lane message of {length} bytes exceeds the limit of {self._max_bytes}")
        while len(buffer) < 4 + length and length <= _RECEIVE_CHUNK:
            chunk = receive(_RECEIVE_CHUNK)
            if not chunk:
                return None
            buffer += chunk
        if len(buffer) >= 4 + length:
            message = bytes(buffer[4 : 4 + length])
            del buffer[: 4 + length]
            return message
        # A big message (an array): received straight into its own buffer, no growing and no re-copying.
        whole = bytearray(length)
        have = len(buffer) - 4
        whole[:have] = buffer[4:]
        buffer.clear()
        view = memoryview(whole)
        while have < length:
            received = self._connection.recv_into(view[have:])
            if not received:
                return None
            have += received
        return whole

    def _refuse(self) -> None:
        from .errors import bridge_failure

        error = bridge_failure(
            "unauthenticated",
            "missing or wrong token on the fast-lane socket (the x-snakepit-token of gRPC): this worker was "
            "started with a token (SNAKEPIT_TOKEN or --token-file); send the same token first",
        )
        body = bridge_pb2.ServerFrame(replies=[bridge_pb2.CallReply(id=0, error=error)]).SerializeToString()
        self._connection.sendall(_LENGTH.pack(len(body)) + body)
        # Closing with unread frames would reset the connection and could lose the refusal; let the client close.
        self._connection.shutdown(socket.SHUT_WR)
        self._connection.settimeout(2.0)
        while self._connection.recv(_RECEIVE_CHUNK):
            pass
