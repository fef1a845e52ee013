"""A function to run on the executor thread and wait for, interruptible like a call.

Describe, Release and every step of a Stream (open, next item, close) run user code or
import modules, so they run where calls run: on the executor, in order with the calls.

    job = FunctionJob(lambda: describe("math"), runtime.executor)
    runtime.executor.submit(job)
    description = job.result()      # re-raises what the function raised
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from .errors import CallInterrupted
from .executor import Executor


class FunctionJob:
    """Runs ``function`` on the executor; ``result()`` waits and returns or re-raises."""

    __slots__ = (
        "deadline",
        "interrupt_code",
        "interrupt_delivered",
        "_function",
        "_executor",
        "_done",
        "_value",
        "_error",
    )

    def __init__(self, function: Callable[[], Any], executor: Executor, deadline: float = 0.0) -> None:
        self.deadline = deadline
        self.interrupt_code = ""
        self.interrupt_delivered = False
        self._function = function
        self._executor = executor
        self._done = threading.Event()
        self._value: Any = None
        self._error: BaseException | None = None

    def run(self) -> None:
        try:
            if self.interrupt_code:
                raise CallInterrupted(self.interrupt_code)
            self._executor.begin(self)
            try:
                self._value = self._function()
            finally:
                self._executor.end()
        except BaseException as error:  # handed to the waiting thread, which decides
            self._error = error
        finally:
            self._done.set()

    def cancel(self, code: str = "cancelled") -> None:
        """Stops the function if it runs; keeps it from starting if it is queued."""
        if not self.interrupt_code:
            self.interrupt_code = code
        self._executor.interrupt(self, code)

    def result(self, timeout: float | None = None) -> Any:
        """Waits for the function; returns its value or raises its exception."""
        self._done.wait(timeout)
        if self._error is not None:
            raise self._error
        return self._value

    def submit_and_wait(self) -> Any:
        self._executor.submit(self)
        return self.result()
