"""Turns a CallRequest's target into Python: resolve a dotted path or a ref, then call,
read or set an attribute.

    dispatcher = Dispatcher(refs)
    dispatcher.resolve("numpy.linalg.norm")            # imports numpy.linalg, getattr "norm"
    dispatcher.call(target="math.hypot", args=[3, 4])  # 5.0

Every path passes the worker's allowlist (``policy.py``) before it is walked and its
resolved object after, so a caller cannot reach ``os.__builtins__``, ``os.system`` or
``numpy.os.system``; a ref's attribute must be public and is checked the same way.
"""

from __future__ import annotations

import asyncio
import difflib
import importlib
import threading
from types import CoroutineType, ModuleType
from typing import Any

from . import policy
from .codec import python_type_name
from .errors import BridgeError, NotAllowedError, NotCallableError, NotFoundError
from .refs import RefRegistry


class Dispatcher:
    """Resolves targets (dotted paths, refs) and runs CALL / GET_ATTR / SET_ATTR on them."""

    def __init__(self, refs: RefRegistry) -> None:
        self._refs = refs
        # Resolving imports modules; failed prefixes cost a filesystem search, so paths are cached.
        self._resolved: dict[str, Any] = {}
        self._lock = threading.Lock()

    @property
    def resolved(self) -> dict[str, Any]:
        """The paths resolved so far and their objects, all allowed: a hot loop may read it before ``resolve``."""
        return self._resolved

    def resolve(self, path: str) -> Any:
        """The object at a dotted path: the longest importable module prefix, then attributes."""
        cached = self._resolved.get(path, _MISSING)
        if cached is not _MISSING:
            return cached
        # Only allowed values enter the cache, so call_path's cache hits need no second check.
        current = policy.current()
        current.check_path(path)
        value = self._walk(path)
        current.check_value(path, value)
        with self._lock:
            self._resolved[path] = value
        return value

    def call(
        self,
        *,
        target: str = "",
        ref_id: str = "",
        attribute: str = "",
        args: list[Any] | None = None,
        kwargs: dict[str, Any] | None = None,
    ) -> Any:
        """Calls the target (a class is constructed); coroutines are run to completion."""
        function = self.lookup(target=target, ref_id=ref_id, attribute=attribute)
        if not callable(function):
            raise NotCallableError(
                f"{_describe(target, ref_id, attribute)} is a {python_type_name(function)}, which cannot be called; "
                "use kind GET_ATTR to read it"
            )
        result = function(*(args or ()), **(kwargs or {}))
        if isinstance(result, CoroutineType):  # inspect.iscoroutine without the call
            result = asyncio.run(result)
        return result

    def call_path(self, target: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
        """``call(target=...)`` for the common case, a dotted path alone, with the fewest steps per call."""
        function = self._resolved.get(target, _MISSING)
        if function is _MISSING:
            function = self.resolve(target)
        if not callable(function):
            raise NotCallableError(
                f"{target} is a {python_type_name(function)}, which cannot be called; use kind GET_ATTR to read it"
            )
        result = function(*args, **kwargs) if kwargs else function(*args)
        if isinstance(result, CoroutineType):  # inspect.iscoroutine without the call
            result = asyncio.run(result)
        return result

    def lookup(self, *, target: str = "", ref_id: str = "", attribute: str = "") -> Any:
        """The object a request names: ``target`` or the ref, then ``attribute`` of it when given."""
        if target and ref_id:
            raise BridgeError("a call names either a target path or a ref_id, not both")
        if not target and not ref_id:
            raise BridgeError('a call needs a target path ("numpy.mean") or a ref_id')
        base = self.resolve(target) if target else self._refs.get(ref_id)
        if not attribute:
            return base
        _check_public(attribute, attribute)
        value = _attribute(base, attribute, target or f"ref {ref_id}")
        policy.current().check_value(_describe(target, ref_id, attribute), value)
        return value

    def inspect_target(self, path: str) -> Any:
        """The object at ``path`` for introspection: private names refused, the allowlist not applied.

        Describing ``os`` or an undeclared module reveals signatures, not behaviour, and catalog
        generation needs it in strict mode too; nothing resolved here is cached for calls.
        """
        return self._walk(path, public_only=True)

    def set_attribute(self, *, target: str = "", ref_id: str = "", attribute: str = "", value: Any = None) -> None:
        """Sets ``attribute`` of the ref (or of the object at ``target``; a bare path sets its last segment)."""
        if target and not attribute:
            target, _, attribute = target.rpartition(".")
            if not target:
                raise BridgeError("SET_ATTR needs an attribute: a ref_id with attribute, or a dotted path with a dot")
        if not attribute:
            raise BridgeError("SET_ATTR needs the attribute name to set")
        _check_public(attribute, attribute)
        setattr(self.lookup(target=target, ref_id=ref_id), attribute, value)

    def _walk(self, path: str, public_only: bool = False) -> Any:
        # resolve() has asked the policy, which lets an exact grant name a private helper.
        segments = path.split(".")
        for segment in segments:
            if not segment:
                raise BridgeError(f'target {path!r} is not a dotted path like "numpy.linalg.norm"')
            if public_only:
                _check_public(segment, path)
        try:
            value: Any = importlib.import_module(segments[0])
        except ModuleNotFoundError as error:
            if error.name != segments[0]:
                raise
            raise NotFoundError(
                f"no module named {segments[0]!r} (from target {path!r}); is the package installed in this "
                "worker's environment? Add it to the libraries of snakepit.config.ts and run `snakepit sync`"
            ) from None
        for index in range(1, len(segments)):
            segment = segments[index]
            if isinstance(value, ModuleType) and not hasattr(value, segment):
                submodule = f"{value.__name__}.{segment}"
                try:
                    value = importlib.import_module(submodule)
                    continue
                except ModuleNotFoundError as error:
                    if error.name != submodule:
                        raise
            value = _attribute(value, segment, ".".join(segments[:index]))
        return value


def _attribute(owner: Any, name: str, owner_path: str) -> Any:
    try:
        return getattr(owner, name)
    except AttributeError:
        pass
    kind = f"module {owner.__name__}" if isinstance(owner, ModuleType) else f"{python_type_name(owner)} ({owner_path})"
    public = [candidate for candidate in dir(owner) if not candidate.startswith("_")]
    close = difflib.get_close_matches(name, public, n=3)
    hint = f"; did you mean {', '.join(repr(match) for match in close)}?" if close else ""
    raise NotFoundError(f"{kind} has no attribute {name!r}{hint}") from None


def _check_public(segment: str, path: str) -> None:
    if segment.startswith("_"):
        raise NotAllowedError(
            f"{path!r} walks the private name {segment!r}; the bridge only resolves public names "
            "(write a small public helper function in your own module if you need it)"
        )


def _describe(target: str, ref_id: str, attribute: str) -> str:
    base = target or f"ref {ref_id}"
    return f"{base}.{attribute}" if attribute else base


class _Missing:
    pass


_MISSING = _Missing()
