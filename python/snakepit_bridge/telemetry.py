"""OpenTelemetry spans around calls, when the worker's environment has OpenTelemetry.

The TypeScript side sends the W3C ``traceparent`` (and ``tracestate``) of its call span
with every CallRequest; here the call runs inside a span that is that span's child, so
one trace covers Node and Python, and spans the user's library makes nest below it.

OpenTelemetry is optional (``pip install snakepit-bridge[otel]``): a request without a
traceparent costs one string test, and a worker without ``opentelemetry`` (or with the
API but no SDK configured) runs the call as it is, with no error. The SDK is set up
from the standard variables when ``OTEL_TRACES_EXPORTER`` names an exporter
(``otlp``, ``console``: whatever the environment installed), unless the user's own
code already registered a tracer provider. ``SNAKEPIT_OTEL_EXPORTER=memory`` keeps the
finished spans in the worker for tests, read back with ``finished_spans()``.

    with call_span(request):       # a no-op context when nothing is traced
        value = runtime.execute(request)
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .gen.snakepit.v1 import bridge_pb2

_SCOPE = "snakepit_bridge"
_KINDS = {0: "call", 1: "getattr", 2: "setattr", 3: "map"}

_setup_lock = threading.Lock()
_set_up = False
_available = False
_memory_exporter: Any = None


def tracing_available() -> bool:
    """True when ``opentelemetry`` imports and a real tracer provider is registered (ours or the user's)."""
    if not _set_up:
        _set_up_once()
    if not _available:
        return False
    from opentelemetry import trace

    # The API alone hands out a proxy that records nothing; a user may register an SDK later.
    return not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)


@contextlib.contextmanager
def call_span(request: bridge_pb2.CallRequest) -> Iterator[Any]:
    """The span of one call, child of the request's traceparent; the exception is recorded when the call raises."""
    if not request.traceparent or not tracing_available():
        yield None
        return
    from opentelemetry import trace

    target, parent, attributes = _span_arguments(request)
    # start_as_current_span records the exception and sets the ERROR status when the body raises.
    with trace.get_tracer(_SCOPE).start_as_current_span(
        f"snakepit.run {target}", context=parent, kind=trace.SpanKind.SERVER, attributes=attributes
    ) as span:
        yield span


def start_stream_span(request: bridge_pb2.CallRequest) -> Any:
    """The span of a Stream RPC (it outlives any one executor step); None when nothing is traced."""
    if not request.traceparent or not tracing_available():
        return None
    from opentelemetry import trace

    target, parent, attributes = _span_arguments(request)
    return trace.get_tracer(_SCOPE).start_span(
        f"snakepit.stream {target}", context=parent, kind=trace.SpanKind.SERVER, attributes=attributes
    )


def in_span(span: Any, function: Callable[[], Any]) -> Callable[[], Any]:
    """``function`` run with ``span`` current (spans the user's code makes nest below it); as is without a span."""
    if span is None:
        return function
    from opentelemetry import trace

    def run() -> Any:
        with trace.use_span(span, end_on_exit=False, record_exception=False, set_status_on_exception=False):
            return function()

    return run


def end_stream_span(span: Any, error: BaseException | None) -> None:
    """Ends a stream's span, recording the exception that ended the stream, if any."""
    if span is None:
        return
    if error is not None:
        from opentelemetry.trace import Status, StatusCode

        span.record_exception(error)
        span.set_status(Status(StatusCode.ERROR, f"{type(error).__name__}: {error}"))
    span.end()


def _span_arguments(request: bridge_pb2.CallRequest) -> tuple[str, Any, dict[str, Any]]:
    from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

    carrier = {"traceparent": request.traceparent}
    if request.tracestate:
        carrier["tracestate"] = request.tracestate
    parent = TraceContextTextMapPropagator().extract(carrier)
    target = request.target or f"ref {request.ref_id}"
    if request.attribute:
        target = f"{target}.{request.attribute}"
    attributes = {
        "snakepit.target": target,
        "snakepit.call.kind": _KINDS.get(request.kind, str(request.kind)),
        "snakepit.call.id": request.id,
        "snakepit.worker.pid": os.getpid(),
    }
    return target, parent, attributes


def finished_spans() -> list[dict[str, Any]]:
    """Spans the in-memory exporter holds (``SNAKEPIT_OTEL_EXPORTER=memory``), as plain values for the wire.

    A test helper: call it through the bridge like any function (allowlisted in that test only).
    """
    if not _set_up:
        _set_up_once()
    if _memory_exporter is None:
        raise RuntimeError(
            "finished_spans() needs the in-memory exporter: start the worker with SNAKEPIT_OTEL_EXPORTER=memory "
            "and opentelemetry-sdk installed in its environment"
        )
    return [_plain(span) for span in _memory_exporter.get_finished_spans()]


def _plain(span: Any) -> dict[str, Any]:
    context = span.get_span_context()
    parent = span.parent
    return {
        "name": span.name,
        "trace_id": format(context.trace_id, "032x"),
        "span_id": format(context.span_id, "016x"),
        "parent_span_id": format(parent.span_id, "016x") if parent is not None else "",
        "status": span.status.status_code.name,
        "attributes": {key: value for key, value in (span.attributes or {}).items()},
        "events": [
            {"name": event.name, "attributes": {key: value for key, value in (event.attributes or {}).items()}}
            for event in span.events
        ],
    }


def _set_up_once() -> None:
    global _set_up, _available
    with _setup_lock:
        if _set_up:
            return
        try:
            import opentelemetry.trace  # noqa: F401
        except ImportError:
            _available = False
        else:
            try:
                _configure_sdk()
                _available = True
            except RuntimeError as error:
                # A misconfigured exporter must not fail the user's calls: say so once and run untraced.
                print(f"snakepit_bridge: tracing is off: {error}", file=sys.stderr, flush=True)
                _available = False
        _set_up = True


def _configure_sdk() -> None:
    """Registers an SDK tracer provider when the environment asks for one and nobody has yet."""
    from opentelemetry import trace

    if not isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider):
        return  # the user's code configured OpenTelemetry itself
    if os.environ.get("OTEL_SDK_DISABLED", "").strip().lower() == "true":
        return  # the standard switch that turns the SDK off
    wanted = os.environ.get("SNAKEPIT_OTEL_EXPORTER", "").strip().lower()
    exporters = [name.strip() for name in os.environ.get("OTEL_TRACES_EXPORTER", "").split(",") if name.strip()]
    if wanted != "memory" and (not exporters or exporters == ["none"]):
        return
    try:
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor
    except ImportError as error:
        raise RuntimeError(
            "tracing was asked for (SNAKEPIT_OTEL_EXPORTER or OTEL_TRACES_EXPORTER is set) but opentelemetry-sdk "
            "is not installed in the worker's environment; add it (pip install snakepit-bridge[otel])"
        ) from error
    # Resource.create() reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES.
    resource = Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME", "snakepit-worker")})
    provider = TracerProvider(resource=resource)
    if wanted == "memory":
        global _memory_exporter
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

        _memory_exporter = InMemorySpanExporter()
        provider.add_span_processor(SimpleSpanProcessor(_memory_exporter))
    for name in exporters:
        if name != "none":
            provider.add_span_processor(BatchSpanProcessor(_load_exporter(name)))
    trace.set_tracer_provider(provider)


def _load_exporter(name: str) -> Any:
    """The exporter an installed package registers under ``name`` (how ``opentelemetry-instrument`` finds them)."""
    from importlib.metadata import entry_points

    points: Any = entry_points()
    group = "opentelemetry_traces_exporter"
    # Python 3.9 returns a dict of groups; 3.10+ an EntryPoints object with select().
    candidates = points.select(group=group) if hasattr(points, "select") else points.get(group, [])
    found = [point for point in candidates if point.name == name]
    if not found:
        raise RuntimeError(
            f"OTEL_TRACES_EXPORTER names {name!r} but no installed package provides that exporter; install it "
            "(e.g. opentelemetry-exporter-otlp for 'otlp') in the worker's environment"
        )
    return found[0].load()()
