"""What one CallRequest does, from argument bytes to result bytes, plus the shared state
of a worker (refs, codec, dispatcher, executor, in-flight count).

    runtime = Runtime()
    runtime.execute(CallRequest(target="math.hypot", args=codec.encode([3, 4])))  # b"\\xcb@\\x14..." (5.0)
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from .codec import Codec
from .dispatch import Dispatcher
from .errors import BridgeError
from .executor import Executor
from .mapped_calls import run_mapped
from .refs import RefRegistry
from .telemetry import call_span

if TYPE_CHECKING:
    from .gen.snakepit.v1 import bridge_pb2

CALL_KIND_CALL = 0
CALL_KIND_GET_ATTR = 1
CALL_KIND_SET_ATTR = 2
CALL_KIND_MAP = 3


class Runtime:
    """The worker's state shared by every RPC; ``execute`` runs on the executor thread."""

    def __init__(self) -> None:
        self.refs = RefRegistry()
        self.codec = Codec(self.refs)
        self.dispatcher = Dispatcher(self.refs)
        self.executor = Executor()
        self.draining = False
        self._in_flight = 0
        self._in_flight_lock = threading.Lock()

    def execute(self, request: bridge_pb2.CallRequest) -> bytes:
        """Decodes arguments, runs the call, encodes the result in the requested mode."""
        if request.traceparent:  # the caller traces this call: run it in a child span (telemetry.py)
            with call_span(request):
                return self.codec.encode(self.invoke(request), request.result_mode)  # type: ignore[arg-type]
        # The wire's int is compared with ResultMode members as it is: no enum built per call.
        return self.codec.encode(self.invoke(request), request.result_mode)  # type: ignore[arg-type]

    def invoke(self, request: bridge_pb2.CallRequest) -> Any:
        """Runs the call and returns the Python result (unencoded; Stream iterates it)."""
        codec = self.codec
        kind = request.kind  # protobuf fields are read once each: every read is a lookup in upb
        if kind == CALL_KIND_MAP:
            keyword_maps = codec.decode(request.kwargs) if request.kwargs else None
            return run_mapped(self.dispatcher, request.target, codec.decode(request.args), keyword_maps)
        args_bytes = request.args
        kwargs_bytes = request.kwargs
        args = codec.decode_args(args_bytes) if args_bytes else []
        kwargs = codec.decode_kwargs(kwargs_bytes) if kwargs_bytes else {}
        if kind == CALL_KIND_CALL:
            target = request.target
            if target and not request.ref_id and not request.attribute:
                return self.dispatcher.call_path(target, args, kwargs)
            return self.dispatcher.call(
                target=target, ref_id=request.ref_id, attribute=request.attribute, args=args, kwargs=kwargs
            )
        if kind == CALL_KIND_GET_ATTR:
            return self.dispatcher.lookup(target=request.target, ref_id=request.ref_id, attribute=request.attribute)
        if kind == CALL_KIND_SET_ATTR:
            if len(args) != 1:
                raise BridgeError(f"SET_ATTR takes exactly one argument, the new value; got {len(args)}")
            self.dispatcher.set_attribute(
                target=request.target, ref_id=request.ref_id, attribute=request.attribute, value=args[0]
            )
            return None
        raise BridgeError(f"unknown call kind {kind}; this bridge knows CALL (0), GET_ATTR (1), SET_ATTR (2), MAP (3)")

    # ---- accounting for Health and for draining -------------------------------------

    def call_started(self) -> None:
        self.calls_started(1)

    def call_finished(self) -> None:
        self.calls_finished(1)

    def calls_started(self, count: int) -> None:
        with self._in_flight_lock:
            self._in_flight += count

    def calls_finished(self, count: int) -> None:
        with self._in_flight_lock:
            self._in_flight -= count

    @property
    def in_flight(self) -> int:
        """Calls accepted and not yet answered (queued or running)."""
        return self._in_flight

    def release(self, ref_ids: list[str] | tuple[str, ...]) -> int:
        """Releases refs now; the objects themselves are let go on the executor thread."""
        released, dropped = self.refs.release(ref_ids)
        if dropped:
            self.executor.submit(_DropObjects(dropped))
        return released


class _DropObjects:
    """Lets the last references go on the executor thread, where ``__del__`` (user code) belongs."""

    def __init__(self, objects: list[Any]) -> None:
        self._objects = objects

    def run(self) -> None:
        self._objects.clear()
