"""One call on its way through the executor: its deadline, its cancellation, its outcome.

Every RPC that runs user code wraps the request in a CallJob and hands ``deliver`` a
function that takes the finished job: Session puts it in the outgoing frame, Call wakes
the waiting handler, Batch fills its slot.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from .callbacks import enter_call, leave_call
from .errors import CallInterrupted, bridge_failure, python_error

if TYPE_CHECKING:
    from .callbacks import CallbackLink, CallbackProxy
    from .gen.snakepit.v1 import bridge_pb2
    from .runtime import Runtime

_INTERRUPT_MESSAGES = {
    "cancelled": "the call was cancelled by the caller",
    "deadline": "the call exceeded its deadline",
    "shutdown": "the worker is shutting down (SIGTERM); send the call to another worker",
}


class CallJob:
    """A CallRequest plus what the executor needs to run, stop and answer it.

    A job alone (unary Call) is queued, run and delivered by itself; jobs of a frame
    (Session frame, Batch) are run together by a FrameJob (frames.py), which counts
    and delivers them as a group: ``counted=False`` and ``deliver=None`` then.
    """

    __slots__ = (
        "request", "id", "deadline", "interrupt_code", "interrupt_delivered",
        "value", "error", "done", "_runtime", "_deliver", "link", "proxies", "ref_mark", "run_ns",
    )  # fmt: skip

    def __init__(
        self,
        request: bridge_pb2.CallRequest,
        runtime: Runtime,
        deliver: Callable[[CallJob], None] | None,
        deadline: float = 0.0,
        counted: bool = True,
    ) -> None:
        self.request = request
        self.id: int = request.id
        if request.deadline_ms:
            own_deadline = time.monotonic() + request.deadline_ms / 1000
            deadline = min(deadline, own_deadline) if deadline else own_deadline
        self.deadline = deadline
        self.interrupt_code = ""
        self.interrupt_delivered = False
        self.value: bytes | None = None
        self.error: bridge_pb2.PythonError | None = None
        self.done = False
        self._runtime = runtime
        self._deliver = deliver
        # The session's CallbackLink (callbacks.py) when the call came on a session; None otherwise.
        self.link: CallbackLink | None = None
        # While the call runs on a session: proxies decoded from its arguments, and the ref mark
        # they are owned from (callbacks.enter_call / leave_call).
        self.proxies: list[CallbackProxy] | None = None
        self.ref_mark = 0
        # How long it ran on the executor (set by FrameJob): Node's scheduler learns cheap paths from it.
        self.run_ns = 0
        if counted:
            runtime.call_started()

    def submit(self) -> None:
        """Queues the call on the executor, or refuses it at once when the worker is draining."""
        if self._runtime.draining:
            self._finish_interrupted("shutdown")
        else:
            self._runtime.executor.submit(self)

    def cancel(self, code: str = "cancelled") -> bool:
        """Cancels the call: a queued call never starts, a running one is interrupted."""
        if self.done:
            return False
        if not self.interrupt_code:
            self.interrupt_code = code
        self._runtime.executor.interrupt(self, code)
        return True

    def run(self) -> None:
        """Runs on the executor thread, then hands the finished job to ``deliver``."""
        self.execute()
        self._runtime.call_finished()
        if self._deliver is not None:
            self._deliver(self)

    def execute(self) -> None:
        """Runs the call on the executor thread and records its outcome; no accounting, no delivery."""
        if self.interrupt_code:
            return self.refuse(self.interrupt_code)
        if self.deadline and time.monotonic() >= self.deadline:
            return self.refuse("deadline")
        runtime = self._runtime
        executor = runtime.executor
        link = self.link
        try:
            executor.begin(self)
            try:
                if link is not None:
                    enter_call(self)
                self.value = runtime.execute(self.request)
            except CallInterrupted:
                raise
            except BaseException as error:  # user code may raise SystemExit too; the worker stays up
                self.error = python_error(error)
            finally:
                if link is not None:
                    leave_call(self)
                executor.end()
        except CallInterrupted as interrupted:
            executor.end()
            self.value = None
            return self.refuse(self.interrupt_code or interrupted.code)
        self.done = True

    def refuse(self, code: str, message: str = "") -> None:
        """Records that the call did not (fully) run: cancelled, deadline or shutdown."""
        wire_code = "cancelled" if code == "shutdown" else code
        self.value = None
        self.error = bridge_failure(wire_code, message or f"{_INTERRUPT_MESSAGES[code]} (call id {self.id})")
        self.done = True

    def _finish_interrupted(self, code: str) -> None:
        self.refuse(code)
        self._runtime.call_finished()
        if self._deliver is not None:
            self._deliver(self)

    def reply(self) -> bridge_pb2.CallReply:
        """The CallReply message of a finished job."""
        from .gen.snakepit.v1 import bridge_pb2

        if self.error is not None:
            return bridge_pb2.CallReply(id=self.id, error=self.error)
        return bridge_pb2.CallReply(id=self.id, value=self.value)
