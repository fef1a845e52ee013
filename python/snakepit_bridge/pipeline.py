"""Runs a graph of dependent calls in one request: the Python side of ``py.pipeline``.

TypeScript sends the whole graph as the single argument of the reserved target
``snakepit_bridge.pipeline.run``, through the ordinary call path (no proto change).
Intermediate values never leave the worker; only the requested outputs are encoded,
and everything else is dropped when ``run`` returns.

The graph is made of arrays, not maps: a pipeline is on the path of every call it
makes, and map keys cost more to write, read and look up than the values they name
(version 1 was maps: reading, running and answering three steps went ≈ 2.9 + 5.0 + 2.4
→ 1.1 + 2.6 + 0.6 µs in process).

    run([
        2,                                        # version
        False,                                    # isolate
        [                                         # steps: [op, path, on, object, name, args, kwargs, nodes]
            [0, "pandas.read_csv", None, None, None, ["data.csv"], None, None],
            [2, None, 0, None, None, ["x"], None, None],
            [0, "numpy.mean", None, None, None, [1], None, [0]],
        ],
        [2],                                      # outputs: step indices (~i: step i kept as a ref)
    ])
    # [2.5]

``op`` is 0 call (a dotted ``path``, the value of step ``on`` or a remote ``object``,
or its method ``name``), 1 getattr (``name`` of that base, or the module attribute at
``path``), 2 getitem (``base[args[0]]``). ``nodes`` says where earlier steps' values go:
None, the arguments are used as they are; a list of positions in ``args`` that hold a
step index; True, ``{"$snakepit_node": i}`` markers stand for step ``i`` anywhere inside
``args`` and ``kwargs`` (lists, tuples, dicts). An output ``~i`` (negative) comes back as
a remote ref even when it could be copied.

The reply is the list of output values. A step that raises does not fail the request:
``run`` returns ``{"failed": {...}}`` naming the step (index, description) and the
exception, so TypeScript can throw one typed error that says which step failed.
Cancellation and deadlines (BaseException) still stop the whole request.

With ``isolate`` true (automatic coalescing: independent calls sent together) every
step runs whatever the others do, and the reply is ``{"settled": [...]}`` with one
``{"value": v}`` or ``{"failed": {...}}`` per output, in order.
"""

from __future__ import annotations

import asyncio
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
GRAPH_VERSION = 2
OP_CALL, OP_GETATTR, OP_GETITEM = 0, 1, 2
_STEP_SHAPE = "[op, path, on, object, name, args, kwargs, nodes]"

# Resolves dotted paths with the bridge's rules (public names only). Refs in the graph
# were already turned into their objects by the codec, so this registry stays empty.
_DISPATCHER = Dispatcher(RefRegistry())
# Its cache of resolved paths (only allowed values enter it), read first on every step.
_RESOLVED = _DISPATCHER.resolved
_THIS_FILE = os.path.abspath(__file__)
# Stands for the value of a step that failed (isolated runs go on after a failure).
_FAILED = object()


def run(graph: list[Any]) -> list[Any] | dict[str, Any]:
    """Runs every step in order; returns the output values, or ``{"failed": {...}}``."""
    isolate, steps, outputs = _validate(graph)
    if isolate:
        return _run_isolated(steps, outputs)
    values: list[Any] = []
    append = values.append
    step: Any = None
    try:
        for step in steps:
            append(_run_step(step, values))
    except Exception as error:  # any user exception becomes this step's failure
        return {"failed": _failure(len(values), step, error)}
    if len(outputs) == 1 and outputs[0] >= 0:  # the usual pipeline: one value back (no comprehension to set up)
        return [values[outputs[0]]]
    return [values[output] if output >= 0 else KeepRemote(values[~output]) for output in outputs]


def _run_isolated(steps: list[list[Any]], outputs: list[int]) -> dict[str, Any]:
    """Every step runs; each output settles on its own (a step using a failed one fails too)."""
    values: list[Any] = []
    failures: dict[int, dict[str, Any]] = {}
    for index, step in enumerate(steps):
        try:
            values.append(_run_step(step, values))
        except Exception as error:  # any user exception settles this step only
            values.append(_FAILED)
            failures[index] = _failure(index, step, error)
    settled: list[dict[str, Any]] = []
    for output in outputs:
        index = output if output >= 0 else ~output
        if index in failures:
            settled.append({"failed": failures[index]})
        else:
            settled.append({"value": values[index] if output >= 0 else KeepRemote(values[index])})
    return {"settled": settled}


def describe_step(step: Any) -> str:
    """Human-readable name of a step for error messages: "pandas.read_csv", "<step 0>.mean", "<step 0>['x']"."""
    if type(step) is not list or len(step) != 8:
        return "<malformed step>"
    op, path, on, _object, name, args, _kwargs, _nodes = step
    base = path or (f"<step {on}>" if on is not None else "<remote object>")
    if op == OP_GETITEM:
        key = args[0] if args else None
        return f"{base}[{key!r}]"
    return f"{base}.{name}" if name else base


def _validate(graph: Any) -> tuple[bool, list[list[Any]], list[int]]:
    if type(graph) is not list or len(graph) != 4 or graph[0] != GRAPH_VERSION:
        raise BridgeError(
            f"a pipeline graph must be [version {GRAPH_VERSION}, isolate, steps, outputs]; "
            "update @snakepit/core and snakepit-bridge together"
        )
    _version, isolate, steps, outputs = graph
    if type(steps) is not list or type(outputs) is not list:
        raise BridgeError("a pipeline graph needs a list of steps and a list of outputs")
    count = len(steps)
    for output in outputs:
        if type(output) is not int or not -count <= output < count:
            raise BridgeError(
                f"pipeline output {output!r} does not name one of the {count} steps (i, or ~i to keep it as a ref)"
            )
    return bool(isolate), steps, outputs


def _run_step(step: Any, values: list[Any]) -> Any:
    # One function per step, the common cases inline: each Python call here costs ≈ 0.1-0.2 µs a step.
    try:
        op, path, on, remote_object, name, args, kwargs, nodes = step
    except (TypeError, ValueError):
        raise BridgeError(f"a pipeline step must be {_STEP_SHAPE}, got {step!r}") from None
    if nodes is not None:
        if type(nodes) is list and type(args) is list:
            try:
                for position in nodes:  # the decoded list is this request's own: filled in place
                    index = args[position]
                    # _value_of inline (a call a node costs more than these checks)
                    if type(index) is int and 0 <= index < len(values) and values[index] is not _FAILED:
                        args[position] = values[index]
                    else:
                        args[position] = _value_of(index, values)  # raises the error that names the step
            except (IndexError, TypeError):
                message = f"pipeline step nodes {nodes!r} name positions its {len(args)} arguments lack"
                raise BridgeError(message) from None
        else:
            args, kwargs = _link(nodes, args, kwargs, values)
    if path:
        base = _RESOLVED.get(path, _RESOLVED)
        if base is _RESOLVED:
            base = _DISPATCHER.resolve(path)
    elif on is None:
        base = remote_object  # already decoded from its ref by the codec
    else:
        base = _value_of(on, values)
    if name:
        if name[0] == "_":
            raise NotAllowedError(f"pipeline step uses the private name {name!r}; only public names are reachable")
        base = _member(base, name, step)
    if op == OP_CALL:
        result = base(*(args or ()), **kwargs) if kwargs else base(*(args or ()))
        return asyncio.run(result) if type(result) is CoroutineType else result
    if op == OP_GETATTR:
        return base
    if op == OP_GETITEM:
        if not args or len(args) != 1:
            raise BridgeError(f"a getitem step takes exactly one key, got {len(args or ())}")
        return base[args[0]]
    raise BridgeError(f"unknown pipeline step op {op!r}; expected 0 (call), 1 (getattr) or 2 (getitem)")


def _value_of(index: Any, values: list[Any]) -> Any:
    if type(index) is not int or not 0 <= index < len(values) or values[index] is _FAILED:
        raise BridgeError(f"pipeline refers to step {index!r}, which has not run or failed (steps use earlier steps)")
    return values[index]


def _link(nodes: Any, args: Any, kwargs: Any, values: list[Any]) -> tuple[Any, Any]:
    """Puts earlier steps' values where markers say they go, anywhere inside the arguments (``nodes`` True)."""
    if nodes is not True:
        raise BridgeError(f"pipeline step nodes must be None, True or a list of argument positions, got {nodes!r}")
    return _substitute(args or [], values), (_substitute(kwargs, values) if kwargs else kwargs)


def _member(base: Any, name: str, step: list[Any]) -> Any:
    """``base.name``, checked against the worker's allowlist like a call on a ref (dispatch.lookup)."""
    value = getattr(base, name)
    policy.current().check_value(describe_step(step), value)
    return value


def _substitute(value: Any, values: list[Any]) -> Any:
    """Replaces node markers by step values, inside lists, tuples and dicts (arrays and other leaves untouched)."""
    value_type = type(value)
    if value_type is dict:
        if len(value) == 1 and NODE_MARKER in value:
            return _value_of(value[NODE_MARKER], values)
        return {key: _substitute(item, values) for key, item in value.items()}
    if value_type is list:
        # Scalars (most arguments) are kept without a call each.
        return [_substitute(item, values) if type(item) in _CONTAINERS else item for item in value]
    if value_type is tuple:
        return tuple(_substitute(item, values) for item in value)
    return value


# What _substitute looks inside; everything else is a leaf.
_CONTAINERS = frozenset({dict, list, tuple})


def _failure(index: int, step: Any, error: Exception) -> dict[str, Any]:
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
