"""The calls of one message (a Session frame, a Batch) run as one executor job.

Queueing a job per call cost a thread hand-off, a lock and a wake-up each; for a
frame of 64 or a batch of 1,000 trivial calls that was most of the time. A FrameJob
is queued once, runs its calls one after another on the executor (each still armed
with its own deadline and individually cancellable, see CallJob.execute), and hands
all outcomes to ``deliver`` at once, so the replies leave in one message.

    frame = FrameJob([CallJob(request, runtime, None, counted=False) for request in calls], runtime, send_all)
    frame.submit()
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from time import perf_counter_ns
from typing import TYPE_CHECKING

from .calls import CallJob
from .errors import CallInterrupted
from .gen.snakepit.v1.bridge_pb2 import CALL_KIND_MAP

if TYPE_CHECKING:
    from .runtime import Runtime


class FrameJob:
    """Runs ``jobs`` (made with ``deliver=None, counted=False``) in order, then delivers them together."""

    __slots__ = ("jobs", "_runtime", "_deliver", "_stop_on_error", "_client_polling")

    def __init__(
        self,
        jobs: Sequence[CallJob],
        runtime: Runtime,
        deliver: Callable[[Sequence[CallJob]], None],
        stop_on_error: bool = False,
        client_polling: bool = False,
    ) -> None:
        self.jobs = jobs
        self._runtime = runtime
        self._deliver = deliver
        self._stop_on_error = stop_on_error
        # The client polls for this frame's replies (ClientFrame.client_polling): its next frame is due soon.
        self._client_polling = client_polling

    def submit(self) -> None:
        """Queues the frame, or refuses all of its calls at once when the worker is draining."""
        runtime = self._runtime
        runtime.calls_started(len(self.jobs))
        if runtime.draining:
            for job in self.jobs:
                job.refuse("shutdown")
            self._finish()
        else:
            runtime.executor.submit(self)

    def run(self) -> None:
        """Runs on the executor thread."""
        jobs = self.jobs
        started = perf_counter_ns()
        try:
            for index, job in enumerate(jobs):
                try:
                    job.execute()
                except CallInterrupted as interrupted:  # landed between the call's end and our loop
                    job.refuse(job.interrupt_code or interrupted.code)
                ended = perf_counter_ns()  # one clock read a call: each call's end is the next one's start
                job.run_ns = ended - started
                started = ended
                if self._stop_on_error and job.error is not None:
                    self._skip_after(index)
                    break
        finally:
            self._finish()

    def _skip_after(self, index: int) -> None:
        for later in self.jobs[index + 1 :]:
            later.refuse(
                "cancelled",
                f"not run: an earlier call of the batch failed and stop_on_error is set (call id {later.id})",
            )

    def _finish(self) -> None:
        self._runtime.calls_finished(len(self.jobs))
        self._deliver(self.jobs)
        jobs = self.jobs
        if self._client_polling or (len(jobs) == 1 and jobs[0].request.kind != CALL_KIND_MAP):
            # A frame the client polls for (a lone request, a tick's coalesced calls, cheap calls the pool
            # packs onto this worker), or a lone call (one at a time, a pipeline): the next frame is likely
            # due within a round trip. Other frames of many calls, and the MAP calls Node folds them into,
            # do not spin: the CPU is Node's then, or another worker's (lane_turns.py).
            self._runtime.executor.lane_turns().expect_soon = True
