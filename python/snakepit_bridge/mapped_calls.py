"""CALL_KIND_MAP: one request that calls the same target once per element of a batch.

A batch of 1,000 ``add(i, 1)`` costs 1,000 protobuf messages, 2,000 MessagePack
documents and 1,000 allowlist walks when it travels call by call. When every call of a
batch names the same dotted path, the TypeScript transport sends it as one request
instead: all positional arguments in one MessagePack array, all keyword maps in
another. The target is resolved (and checked by the allowlist) once, and every
element's failure is recorded in its own slot, so the batch keeps
``Promise.allSettled`` semantics:

    run_mapped(dispatcher, "operator.add", [[1, 2], [3, "x"]], None)
    # [[3, None], [[1, "TypeError", "builtins", "unsupported operand ...", "Traceback ...", ""]]]
"""

from __future__ import annotations

import asyncio
from types import CoroutineType
from typing import Any

from .codec import python_type_name
from .dispatch import Dispatcher
from .errors import BridgeError, CallInterrupted, NotCallableError, python_error


def run_mapped(dispatcher: Dispatcher, target: str, argument_lists: Any, keyword_maps: Any) -> list[Any]:
    """Calls ``target`` with each element; returns ``[results, failures]`` (see the module doc)."""
    if not target:
        raise BridgeError("a MAP call needs a target path; methods of refs travel call by call")
    if not isinstance(argument_lists, list):
        raise BridgeError(
            f"a MAP call's args must be an array of argument arrays, got {python_type_name(argument_lists)}"
        )
    if keyword_maps is not None and (not isinstance(keyword_maps, list) or len(keyword_maps) != len(argument_lists)):
        raise BridgeError("a MAP call's kwargs must be an array of keyword maps, one per element of args")
    function = dispatcher.resolve(target)
    if not callable(function):
        raise NotCallableError(f"{target} is a {python_type_name(function)}, which cannot be called")
    results: list[Any] = []
    failures: list[list[Any]] = []
    for index, arguments in enumerate(argument_lists):
        keywords = keyword_maps[index] if keyword_maps is not None else None
        try:
            if not isinstance(arguments, list):
                raise BridgeError(f"element {index} of a MAP call is not an argument array")
            result = function(*arguments, **keywords) if keywords else function(*arguments)
            if isinstance(result, CoroutineType):  # as in dispatch.call_path
                result = asyncio.run(result)
            results.append(result)
        except CallInterrupted:
            raise
        except BaseException as error:  # one element's failure, even SystemExit, stays in its slot
            results.append(None)
            wire = python_error(error)
            failures.append([index, wire.type, wire.module, wire.message, wire.traceback, wire.bridge_code])
    return [results, failures]
