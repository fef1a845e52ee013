"""The Session RPC: many calls per incoming frame, replies batched per outgoing frame.

A reader thread takes ClientFrames and queues each frame's calls on the executor as one
job (frames.py); the gRPC handler thread sends. Each ServerFrame carries every reply
that is ready when the previous frame has been sent, so a frame's replies leave
together, under load several frames' replies share one message, and a lone reply
leaves at once: no timer, no added delay.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from .callbacks import CallbackLink
from .calls import CallJob
from .frames import FrameJob

if TYPE_CHECKING:
    from .gen.snakepit.v1 import bridge_pb2
    from .runtime import Runtime

_log = logging.getLogger(__name__)


class _End:
    pass


_END = _End()


class SessionChannel:
    """The state of one Session stream: calls in flight by id, and the outgoing queue."""

    def __init__(
        self, runtime: Runtime, deadline: float = 0.0, sink: Callable[[Sequence[CallJob] | _End], None] | None = None
    ) -> None:
        """``sink`` takes finished calls instead of the outbox ``replies()`` reads (the fast lane sends at once)."""
        self._runtime = runtime
        self._deadline = deadline
        self._outbox: queue.SimpleQueue[Sequence[CallJob] | _End] = queue.SimpleQueue()
        self._put = sink or self._outbox.put
        self._pending: dict[int, CallJob] = {}
        self._lock = threading.Lock()
        self._input_done = False
        self._ended = False
        # Python → TypeScript calls (callbacks.py) share the session: invocations out as ServerFrames.
        self.callbacks = CallbackLink(runtime, self._put)

    def start_reading(self, frames: Iterable[bridge_pb2.ClientFrame]) -> None:
        """Consumes ``frames`` on a thread of its own until the client half-closes."""
        threading.Thread(target=self.read, args=(frames,), name="snakepit-session-reader", daemon=True).start()

    def replies(self) -> Iterator[bridge_pb2.ServerFrame]:
        """ServerFrames, each with all replies ready at the moment; ends when the session does."""
        from .gen.snakepit.v1 import bridge_pb2

        take = self._outbox.get
        take_ready = self._outbox.get_nowait
        while True:
            jobs = take()
            frame = bridge_pb2.ServerFrame()
            while jobs is not _END:
                if isinstance(jobs, bytes):
                    frame.MergeFromString(jobs)  # a callback invocation, serialized (callback_wire.py)
                elif isinstance(jobs, bridge_pb2.ServerFrame):
                    frame.MergeFrom(jobs)  # callback cancels and releases
                else:
                    add_server_replies(frame, jobs)  # type: ignore[arg-type]
                try:
                    jobs = take_ready()
                except queue.Empty:
                    break
            if frame.replies or frame.callbacks or frame.callback_cancel or frame.callback_release:
                yield frame
            if jobs is _END:
                return

    def terminate(self) -> None:
        """The RPC is over (client cancelled or stream closed): cancel what is left, stop sending."""
        with self._lock:
            pending = list(self._pending.values())
            self._ended = True
        self.callbacks.close()
        for job in pending:
            job.cancel()
        self._put(_END)

    def cancel(self, call_ids: Iterable[int]) -> int:
        """Cancels calls of this session by id; returns how many were in flight."""
        cancelled = 0
        for call_id in call_ids:
            job = self._pending.get(call_id)
            if job is not None and job.cancel():
                cancelled += 1
        return cancelled

    def read(self, frames: Iterable[bridge_pb2.ClientFrame]) -> None:
        """Consumes ``frames`` on this thread until they end; each frame's calls run as one job."""
        try:
            for frame in frames:
                self.accept(frame)
        except Exception as error:  # a broken stream ends like a cancelled one
            _log.debug("session stream ended: %s", error)
        finally:
            self.end_input()

    def end_input(self) -> None:
        """The client sent its last frame (or the stream broke): the session ends once its calls are answered."""
        if self._input_done:
            return
        self.callbacks.close("the TypeScript side closed the session")
        with self._lock:
            self._input_done = True
            finished = not self._pending
        if finished:
            self._put(_END)

    def accept(self, frame: bridge_pb2.ClientFrame) -> None:
        """Acts on one ClientFrame: its calls are queued as one job, cancels and replies take effect now."""
        runtime = self._runtime
        calls = frame.calls  # each read of a repeated field builds a container in upb: read once
        if calls:
            deadline = self._deadline
            jobs = [CallJob(request, runtime, None, deadline, False) for request in calls]
            pending = self._pending
            link = self.callbacks
            with self._lock:
                for job in jobs:
                    job.link = link
                    pending[job.id] = job
            FrameJob(jobs, runtime, self._deliver, client_polling=frame.client_polling).submit()
        replies = frame.callback_replies
        if replies:
            self.callbacks.resolve(replies)
        if frame.cancel:
            self.cancel(frame.cancel)
        if frame.release:
            # Through the executor queue so calls sent before the release still find their refs.
            runtime.executor.submit(_ReleaseJob(runtime, list(frame.release)))

    def _deliver(self, jobs: Sequence[CallJob]) -> None:
        pending = self._pending
        with self._lock:
            for job in jobs:
                if pending.get(job.id) is job:
                    del pending[job.id]
            finished = self._input_done and not pending
        self._put(jobs)
        if finished:
            self._put(_END)


_MAX_RUN_MICROS = 2**32 - 1  # ServerFrame.run_micros is a uint32


def add_server_replies(frame: bridge_pb2.ServerFrame, jobs: Sequence[CallJob]) -> None:
    """Appends the replies of ``jobs`` to a Session frame and adds their run time to its ``run_micros``."""
    add_replies(frame, jobs)
    run_micros = run_micros_of(jobs)
    if run_micros:
        frame.run_micros = min(frame.run_micros + run_micros, _MAX_RUN_MICROS)


def run_micros_of(jobs: Sequence[CallJob]) -> int:
    """The microseconds ``jobs`` ran, summed, as a frame's ``run_micros`` carries them (saturating)."""
    return min(sum(job.run_ns for job in jobs) // 1000, _MAX_RUN_MICROS)


def add_replies(frame: bridge_pb2.ServerFrame | bridge_pb2.BatchReply, jobs: Sequence[CallJob]) -> None:
    """Appends the CallReply of each finished job to ``frame`` (a Session frame or a Batch reply)."""
    add = frame.replies.add
    for job in jobs:
        if job.error is not None:
            add(id=job.id, error=job.error)
        else:
            add(id=job.id, value=job.value)


class _ReleaseJob:
    def __init__(self, runtime: Runtime, ref_ids: list[str]) -> None:
        self._runtime = runtime
        self._ref_ids = ref_ids

    def run(self) -> None:
        self._runtime.release(self._ref_ids)
