"""The Stream RPC's Python side: call the target, then pull items one at a time.

Each step runs on the executor (so user code never runs on a gRPC thread) and gRPC's
flow control paces the pulls: the next item is only asked for once the previous one
was sent. When the client cancels, the running step is interrupted and the generator
is closed, so its ``finally`` blocks and context managers run.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from . import telemetry
from .codec import ResultMode
from .jobs import FunctionJob

if TYPE_CHECKING:
    from .gen.snakepit.v1 import bridge_pb2
    from .runtime import Runtime


class _Exhausted:
    pass


EXHAUSTED = _Exhausted()


class GeneratorStream:
    """One Stream RPC: opens the iterator, yields encoded items, closes it exactly once."""

    def __init__(self, request: bridge_pb2.CallRequest, runtime: Runtime, deadline: float = 0.0) -> None:
        self._request = request
        self._runtime = runtime
        self._deadline = deadline
        self._mode = ResultMode(request.result_mode)
        self._iterator: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._current: FunctionJob | None = None
        self._closed = False
        self.cancelled = False
        self._span: Any = None

    def items(self) -> Iterator[bytes]:
        """Encoded items; raises what the target or the generator raised."""
        # A traced stream runs in one span from open to close (telemetry.py); None when nothing is traced.
        self._span = telemetry.start_stream_span(self._request) if self._request.traceparent else None
        failure: BaseException | None = None
        try:
            self._step(self._open)
            while not self.cancelled:
                item = self._step(self._next_item)
                if item is EXHAUSTED:
                    return
                yield item
        except Exception as error:
            failure = error
            raise
        finally:
            self.close()
            telemetry.end_stream_span(self._span, failure)

    def cancel(self) -> None:
        """Called by gRPC when the RPC ends for any reason; stops a running step and closes."""
        self.cancelled = True
        current = self._current
        if current is not None:
            current.cancel()
        self.close()

    def close(self) -> None:
        """Closes the generator on the executor thread (never while one of its steps runs)."""
        if not self._closed:
            self._closed = True
            self._runtime.executor.submit(FunctionJob(self._close_now, self._runtime.executor))

    def _step(self, function: Any) -> Any:
        job = FunctionJob(telemetry.in_span(self._span, function), self._runtime.executor, self._deadline)
        self._current = job
        if self.cancelled:
            job.cancel()
        try:
            return job.submit_and_wait()
        finally:
            self._current = None

    def _open(self) -> None:
        runtime = self._runtime
        result = runtime.invoke(self._request)
        if inspect.isasyncgen(result):
            self._loop = asyncio.new_event_loop()
            self._iterator = result
            return
        try:
            self._iterator = iter(result)
        except TypeError:
            # A plain TypeError, as Python itself would raise: the caller's mistake, not the bridge's.
            raise TypeError(
                f"Stream needs an iterable result, but the target returned a {type(result).__name__} object, "
                "which is not iterable; use Call for single values"
            ) from None

    def _next_item(self) -> Any:
        if self._closed and self._iterator is None:
            return EXHAUSTED
        try:
            if self._loop is not None:
                item = self._loop.run_until_complete(self._iterator.__anext__())
            else:
                item = next(self._iterator)
        except (StopIteration, StopAsyncIteration):
            return EXHAUSTED
        return self._runtime.codec.encode(item, self._mode)

    def _close_now(self) -> None:
        iterator, self._iterator = self._iterator, None
        if iterator is None:
            return
        if self._loop is not None:
            try:
                self._loop.run_until_complete(iterator.aclose())
            finally:
                self._loop.close()
        elif hasattr(iterator, "close"):
            iterator.close()
