"""Spans around calls: children of the caller's traceparent when OpenTelemetry is there, nothing when not.

Each case runs in its own interpreter: OpenTelemetry's tracer provider is process-global
and can be set once, and one case must run without OpenTelemetry importable at all.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from typing import Any

from conftest import PYTHON_ROOT

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
PARENT_SPAN_ID = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{PARENT_SPAN_ID}-01"

# Runs calls through a Runtime the way the executor does and prints what came out as JSON.
_SCRIPT = textwrap.dedent(
    """
    import json, sys
    {prelude}
    from snakepit_bridge import telemetry
    from snakepit_bridge.gen.snakepit.v1 import bridge_pb2
    from snakepit_bridge.runtime import Runtime

    runtime = Runtime()
    codec = runtime.codec
    outcomes = []
    for target, args, traceparent in {calls!r}:
        request = bridge_pb2.CallRequest(
            id=len(outcomes) + 1, target=target, args=codec.encode(args), traceparent=traceparent, tracestate="k=v"
        )
        try:
            outcomes.append({{"value": codec.decode(runtime.execute(request))}})
        except Exception as error:
            outcomes.append({{"error": type(error).__name__}})
    try:
        spans = telemetry.finished_spans()
    except RuntimeError as error:
        spans = str(error)
    print(json.dumps({{"outcomes": outcomes, "spans": spans, "available": telemetry.tracing_available()}}))
    """
)


def _run(calls: list[tuple[str, list[Any], str]], prelude: str = "", **environment: str) -> dict[str, Any]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OTEL_", "SNAKEPIT_OTEL"))}
    env.update(environment)
    env["PYTHONPATH"] = str(PYTHON_ROOT)
    script = _SCRIPT.format(prelude=prelude, calls=calls)
    completed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_the_call_span_is_a_child_of_the_incoming_traceparent() -> None:
    result = _run([("math.hypot", [3, 4], TRACEPARENT)], SNAKEPIT_OTEL_EXPORTER="memory")
    assert result["outcomes"] == [{"value": 5.0}]
    [span] = result["spans"]
    assert span["name"] == "snakepit.run math.hypot"
    assert span["trace_id"] == TRACE_ID
    assert span["parent_span_id"] == PARENT_SPAN_ID
    assert span["span_id"] not in ("", PARENT_SPAN_ID)
    assert span["status"] == "UNSET"
    assert span["attributes"]["snakepit.target"] == "math.hypot"
    assert span["attributes"]["snakepit.call.kind"] == "call"


def test_an_exception_is_recorded_on_the_span_and_still_raised() -> None:
    result = _run([("math.sqrt", [-1], TRACEPARENT)], SNAKEPIT_OTEL_EXPORTER="memory")
    assert result["outcomes"] == [{"error": "ValueError"}]
    [span] = result["spans"]
    assert span["status"] == "ERROR"
    [event] = span["events"]
    assert event["name"] == "exception"
    assert event["attributes"]["exception.type"] == "ValueError"
    assert "math domain error" in event["attributes"]["exception.message"]


def test_calls_without_a_traceparent_make_no_span() -> None:
    result = _run([("math.hypot", [3, 4], ""), ("math.hypot", [5, 12], TRACEPARENT)], SNAKEPIT_OTEL_EXPORTER="memory")
    assert result["outcomes"] == [{"value": 5.0}, {"value": 13.0}]
    assert [span["attributes"]["snakepit.call.id"] for span in result["spans"]] == [2]


def test_without_an_sdk_configured_calls_run_untraced() -> None:
    result = _run([("math.hypot", [3, 4], TRACEPARENT)])
    assert result["outcomes"] == [{"value": 5.0}]
    assert result["available"] is False
    assert "SNAKEPIT_OTEL_EXPORTER=memory" in result["spans"]


def test_otel_sdk_disabled_turns_tracing_off() -> None:
    result = _run([("math.hypot", [3, 4], TRACEPARENT)], SNAKEPIT_OTEL_EXPORTER="memory", OTEL_SDK_DISABLED="true")
    assert result["outcomes"] == [{"value": 5.0}]
    assert result["available"] is False


def test_without_opentelemetry_installed_calls_run_and_nothing_fails() -> None:
    # None in sys.modules makes `import opentelemetry` raise ImportError, as on a worker without it.
    prelude = "sys.modules['opentelemetry'] = None"
    result = _run([("math.hypot", [3, 4], TRACEPARENT)], prelude, SNAKEPIT_OTEL_EXPORTER="memory")
    assert result["outcomes"] == [{"value": 5.0}]
    assert result["available"] is False


def test_otel_traces_exporter_configures_the_sdk_from_the_standard_variables() -> None:
    # The console exporter ships with opentelemetry-sdk; spans are flushed when the worker exits normally.
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OTEL_", "SNAKEPIT_OTEL"))}
    env.update(PYTHONPATH=str(PYTHON_ROOT), OTEL_TRACES_EXPORTER="console", OTEL_SERVICE_NAME="billing-workers")
    script = _SCRIPT.format(prelude="", calls=[("math.hypot", [3, 4], TRACEPARENT)])
    completed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert '"name": "snakepit.run math.hypot"' in completed.stdout
    assert f'"trace_id": "0x{TRACE_ID}"' in completed.stdout
    assert '"service.name": "billing-workers"' in completed.stdout


def test_an_unknown_exporter_turns_tracing_off_with_a_message_instead_of_failing_calls() -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OTEL_", "SNAKEPIT_OTEL"))}
    env.update(PYTHONPATH=str(PYTHON_ROOT), OTEL_TRACES_EXPORTER="no-such-exporter")
    script = _SCRIPT.format(prelude="", calls=[("math.hypot", [3, 4], TRACEPARENT)])
    completed = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout.strip())["outcomes"] == [{"value": 5.0}]
    assert "tracing is off" in completed.stderr and "no-such-exporter" in completed.stderr
