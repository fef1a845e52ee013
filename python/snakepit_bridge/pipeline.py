"""Runs a graph of dependent calls in one request: the Python side of ``py.pipeline``.

TypeScript sends the whole graph as the single argument of the reserved target
``snakepit_bridge.pipeline.run``, through the ordinary call path (no proto change).
Intermediate values never leave the worker; only the requested outputs are encoded,
and everything else is dropped when ``run`` returns.

    run({
        "version": 1,
        "steps": [
            {"op": "call", "path": "pandas.read_csv", "args": ["data.csv"]},
            {"op": "getitem", "on": 0, "args": ["x"]},
            {"op": "call", "path": "numpy.mean", "args": [{"$snakepit_node": 1}]},
        ],
        "outputs": [{"step": 2}],
    })
    # {"outputs": [2.5]}

A step is ``call`` (a dotted ``path``, or the value of step ``on``, optionally its
method ``name``), ``getattr`` (``name`` of step ``on``, or the module attribute at
``path``) or ``getitem`` (``on[args[0]]``). Arguments may hold ``{"$snakepit_node": i}``
anywhere inside lists and dicts: the value of step ``i``. An output with ``keep``
comes back as a remote ref even when it could be copied.

A step that raises does not fail the request: ``run`` returns ``{"failed": {...}}``
naming the step (index, description) and the exception, so TypeScript can throw one
typed error that says which step failed. Cancellation and deadlines (BaseException)
still stop the whole request.

With ``"isolate": true`` (automatic coalescing: independent calls sent together) every
step runs whatever the others do, and the reply is ``{"settled": [...]}`` with one
``{"value": v}`` or ``{"failed": {...}}`` per output, in order.
"""

from __future__ import annotations

import asyncio
import operator
import os
import traceback
from types import CoroutineType, TracebackType
from typing import Any

from . import policy
from .codec import KeepRemote
from .dispatch import Dispatcher
from .errors import BridgeError, NotAllowedError
from .refs import RefRegistry

NODE_MARKER = "$snakepit_node"
GRAPH_VERSION = 1

# Resolves dotted paths with the bridge's rules (public names only). Refs in the graph
# were already turned into their objects by the codec, so this registry stays empty.
_DISPATCHER = Dispatcher(RefRegistry())
_THIS_FILE = os.path.abspath(__file__)
# Stands for the value of a step that failed (isolated runs go on after a failure).
_FAILED = object()


def run(graph: dict[str, Any]) -> dict[str, Any]:
    """Runs every step in order; returns ``{"outputs": [...]}`` or ``{"failed": {...}}``."""
    steps, outputs = _validate(graph)
    if graph.get("isolate"):
        return _run_isolated(steps, outputs)
    values: list[Any] = []
    for index, step in enumerate(steps):
        try:
            values.append(_run_step(step, values))
        except Exception as error:  # any user exception becomes this step's failure
            return {"failed": _failure(index, step, error)}
    return {"outputs": [_output(values[output["step"]], output) for output in outputs]}


def _run_isolated(steps: list[dict[str, Any]], outputs: list[dict[str, Any]]) -> dict[str, Any]:
    """Every step runs; each output settles on its own (a step using a failed one fails too)."""
    values: list[Any] = []
    failures: dict[int, dict[str, Any]] = {}
    for index, step in enumerate(steps):
        try:
            values.append(_run_step(step, values))
        except Exception as error:  # any user exception settles this step only
            values.append(_FAILED)
            failures[index] = _failure(index, step, error)
    return {
        "settled": [
            {"failed": failures[output["step"]]}
            if output["step"] in failures
            else {"value": _output(values[output["step"]], output)}
            for output in outputs
        ]
    }


def _output(value: Any, output: dict[str, Any]) -> Any:
    return KeepRemote(value) if output.get("keep") else value


def describe_step(step: dict[str, Any]) -> str:
    """Human-readable name of a step for error messages: "pandas.read_csv", "<step 0>.mean", "<step 0>['x']"."""
    base = step.get("path") or f"<step {step.get('on')}>"
    if step.get("op") == "getitem":
        key = step.get("args", [None])[0]
        return f"{base}[{key!r}]"
    name = step.get("name")
    return f"{base}.{name}" if name else base


def _validate(graph: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    if not isinstance(graph, dict) or graph.get("version") != GRAPH_VERSION:
        raise BridgeError(
            f"a pipeline graph must be a map with version {GRAPH_VERSION}; "
            "update @snakepit/core and snakepit-bridge together"
        )
    steps = graph.get("steps")
    outputs = graph.get("outputs")
    if not isinstance(steps, list) or not isinstance(outputs, list):
        raise BridgeError("a pipeline graph needs a list of steps and a list of outputs")
    for output in outputs:
        step = output.get("step") if isinstance(output, dict) else None
        if not isinstance(step, int) or not 0 <= step < len(steps):
            raise BridgeError(f"pipeline output {output!r} does not name one of the {len(steps)} steps")
    return steps, outputs


def _run_step(step: dict[str, Any], values: list[Any]) -> Any:
    get = step.get  # each field is read once: a pipeline step is on the path of every pipelined call
    path = get("path")
    operation = get("op")
    name = get("name") or ""
    literal = get("literal", False)
    if path and literal and operation == "call" and not name:
        # A coalesced call (call-coalescer.ts): a dotted path and plain arguments, run like Runtime.invoke does.
        function = _DISPATCHER.resolve(path)
        args = get("args") or ()
        kwargs = get("kwargs")
        result = function(*args, **kwargs) if kwargs else function(*args)
        return asyncio.run(result) if isinstance(result, CoroutineType) else result
    if name and name[0] == "_":
        raise NotAllowedError(f"pipeline step uses the private name {name!r}; only public names are reachable")
    base = _DISPATCHER.resolve(path) if path else _base(step, values)
    # A literal step (a coalesced call) holds no node markers: skip walking its arguments.
    args = (get("args") or []) if literal else _substitute(get("args") or [], values)
    if operation == "call":
        function = _member(base, name, step) if name else base
        kwargs = get("kwargs")
        if kwargs:
            result = function(*args, **(kwargs if literal else _substitute(kwargs, values)))
        else:
            result = function(*args)
        return asyncio.run(result) if isinstance(result, CoroutineType) else result
    if operation == "getitem":
        if len(args) != 1:
            raise BridgeError(f"a getitem step takes exactly one key, got {len(args)}")
        return operator.getitem(base, args[0])
    if operation == "getattr":
        return _member(base, name, step) if name else base
    raise BridgeError(f"unknown pipeline step op {operation!r}; expected call, getattr or getitem")


def _member(base: Any, name: str, step: dict[str, Any]) -> Any:
    """``base.name``, checked against the worker's allowlist like a call on a ref (dispatch.lookup)."""
    value = getattr(base, name)
    policy.current().check_value(describe_step(step), value)
    return value


def _base(step: dict[str, Any], values: list[Any]) -> Any:
    """The object a step without a ``path`` works on: a remote object, or the value of step ``on``."""
    if "object" in step:  # a remote object, already decoded from its ref
        return step["object"]
    on = step.get("on")
    if not isinstance(on, int) or not 0 <= on < len(values) or values[on] is _FAILED:
        raise BridgeError(f"pipeline step refers to step {on!r}, which has not run yet (steps use earlier steps)")
    return values[on]


def _substitute(value: Any, values: list[Any]) -> Any:
    """Replaces node markers by step values, inside lists, tuples and dicts (arrays and other leaves untouched)."""
    value_type = type(value)
    if value_type is dict:
        if len(value) == 1 and NODE_MARKER in value:
            index = value[NODE_MARKER]
            if not isinstance(index, int) or not 0 <= index < len(values) or values[index] is _FAILED:
                raise BridgeError(f"pipeline argument refers to step {index!r}, which has not run or failed")
            return values[index]
        return {key: _substitute(item, values) for key, item in value.items()}
    if value_type is list:
        # Scalars (most arguments) are kept without a call each.
        return [_substitute(item, values) if type(item) in _CONTAINERS else item for item in value]
    if value_type is tuple:
        return tuple(_substitute(item, values) for item in value)
    return value


# What _substitute looks inside; everything else is a leaf.
_CONTAINERS = frozenset({dict, list, tuple})


def _failure(index: int, step: dict[str, Any], error: Exception) -> dict[str, Any]:
    error_type = type(error)
    return {
        "step": index,
        "target": describe_step(step),
        "type": error_type.__qualname__,
        "module": error_type.__module__,
        "message": str(error),
        "traceback": "" if isinstance(error, BridgeError) else _format_traceback(error),
        "code": error.code if isinstance(error, BridgeError) else "",
    }


def _format_traceback(error: Exception) -> str:
    """The traceback from the first frame of user code: this module's frames say nothing to the reader."""
    trace: TracebackType | None = error.__traceback__
    while trace is not None and os.path.abspath(trace.tb_frame.f_code.co_filename) == _THIS_FILE:
        trace = trace.tb_next
    return "".join(traceback.format_exception(type(error), error, trace or error.__traceback__))
