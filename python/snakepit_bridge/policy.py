"""The worker's allowlist: which dotted paths a caller may reach, checked in dispatch.

The TypeScript facade checks the same rules before a call leaves Node; this copy is
defence in depth for callers that talk to the socket directly. The pool passes the
policy in the environment when it starts the worker:

    SNAKEPIT_SECURITY_MODE=strict SNAKEPIT_ALLOW='["statistics.mean", "numpy.*"]'

Patterns: ``*`` matches any run of characters (dots included), everything else is
literal. ``strict`` grants only the patterns given (the pool sends the catalog's
declared callables plus ``security.allow``); ``dynamic`` grants ``*`` when none are
given. A path the grants cover is still refused when it hits ``ALWAYS_REFUSED`` or
walks a private name, unless a grant names that exact path (no ``*``).

Text is not enough: ``os.path.os.system`` and ``numpy.os.system`` reach ``os.system``
under other names, so the resolved object itself is checked too (``check_value``).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Mapping
from types import ModuleType
from typing import Any

from .errors import NotAllowedError

MODE_ENVIRONMENT_VARIABLE = "SNAKEPIT_SECURITY_MODE"
ALLOW_ENVIRONMENT_VARIABLE = "SNAKEPIT_ALLOW"

# Keep in step with packages/core/src/security/always-refused.ts.
ALWAYS_REFUSED = (
    *(
        f"builtins.{name}"
        for name in (
            "eval", "exec", "compile", "__import__", "open", "getattr", "setattr", "delattr",
            "globals", "locals", "vars", "breakpoint", "input",
        )
    ),
    "os.system", "os.popen", "os.exec*", "os.spawn*", "os.posix_spawn*", "os.fork", "os.forkpty",
    "os.kill", "os.killpg", "os.remove", "os.removedirs", "os.unlink", "os.rmdir",
    "posix.*", "nt.*",
    "subprocess", "subprocess.*", "pty", "pty.*", "shutil.rmtree",
    "pickle.loads", "pickle.load", "pickle.Unpickler", "marshal.loads", "marshal.load",
    "ctypes", "ctypes.*", "code", "code.*", "codeop", "codeop.*", "runpy", "runpy.*",
    "sys.modules", "snakepit_bridge.*",
)  # fmt: skip

# Whole modules whose every object is refused, checked on the resolved value's module.
REFUSED_MODULES = ("subprocess", "pty", "ctypes", "code", "codeop", "runpy", "snakepit_bridge")

# The bridge's own entry points; they dispatch their inner targets, which are checked.
BRIDGE_ENTRY_POINTS = frozenset({"snakepit_bridge.chunks.call", "snakepit_bridge.pipeline.run"})

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _pattern(text: str) -> re.Pattern[str]:
    return re.compile("^" + ".*".join(re.escape(part) for part in text.split("*")) + "$")


class Policy:
    """Grants and refusals for dotted paths, with each decision cached per path."""

    def __init__(self, mode: str = "dynamic", grants: Iterable[str] | None = None) -> None:
        if mode not in ("strict", "dynamic"):
            raise ValueError(f'security mode {mode!r} is neither "strict" nor "dynamic"')
        patterns = list(grants) if grants is not None else ([] if mode == "strict" else ["*"])
        self.mode = mode
        self._exact = frozenset(pattern for pattern in patterns if "*" not in pattern)
        self._grants = [_pattern(pattern) for pattern in patterns]
        self._refusals = [_pattern(pattern) for pattern in ALWAYS_REFUSED]
        self._refused_objects = _refused_objects()
        self._decisions: dict[str, str | None] = {}

    @classmethod
    def from_environment(cls, environment: Mapping[str, str]) -> Policy:
        """The policy the pool passed (see module doc); dynamic with ``*`` when nothing was."""
        allow = environment.get(ALLOW_ENVIRONMENT_VARIABLE)
        grants = json.loads(allow) if allow else None
        if grants is not None and not (isinstance(grants, list) and all(isinstance(item, str) for item in grants)):
            raise ValueError(f"${ALLOW_ENVIRONMENT_VARIABLE} must be a JSON list of strings, got {allow!r}")
        return cls(environment.get(MODE_ENVIRONMENT_VARIABLE) or "dynamic", grants)

    def check_path(self, path: str) -> None:
        """Raises NotAllowedError when ``path`` may not be reached."""
        decision = self._decisions.get(path, _UNDECIDED)
        if decision is _UNDECIDED:
            decision = self._decide(path)
            if len(self._decisions) >= _MAX_DECISIONS:  # a caller sending endless new paths cannot grow it
                self._decisions.clear()
            self._decisions[path] = decision
        if decision is not None:
            raise NotAllowedError(f"{path!r} is not allowed: {decision}. {_GRANT_HINT}")

    def check_value(self, path: str, value: Any) -> None:
        """Raises NotAllowedError when ``value`` is a refused object reached under another name."""
        if path in self._exact:
            return
        if id(value) in self._refused_objects:
            reason = "it reaches a function on the always-refused list"
            raise NotAllowedError(f"{path!r} is not allowed: {reason}. {_GRANT_HINT}")
        module = value.__name__ if isinstance(value, ModuleType) else getattr(value, "__module__", None)
        if isinstance(module, str) and module.split(".")[0] in REFUSED_MODULES and path not in BRIDGE_ENTRY_POINTS:
            raise NotAllowedError(f"{path!r} is not allowed: it reaches the refused module {module!r}. {_GRANT_HINT}")

    def _decide(self, path: str) -> str | None:
        segments = path.split(".")
        if not path or not all(_IDENTIFIER.match(segment) for segment in segments):
            return 'it is not a dotted path of Python identifiers like "numpy.linalg.norm"'
        if path in BRIDGE_ENTRY_POINTS or path in self._exact:
            return None
        private = next((segment for segment in segments if segment.startswith("_")), None)
        if private is not None:
            return f"it walks the private name {private!r}"
        # Every suffix is checked, so "numpy.os.system" is refused like "os.system".
        for start in range(len(segments)):
            suffix = ".".join(segments[start:])
            if any(refusal.match(suffix) for refusal in self._refusals):
                return f"{suffix!r} is on the always-refused list"
        if not any(grant.match(path) for grant in self._grants):
            return f"no pattern of the {self.mode} allowlist grants it"
        return None


def _refused_objects() -> frozenset[int]:
    """Identities of the refused functions that are already loaded, so aliases are caught."""
    import builtins
    import marshal
    import pickle
    import shutil
    import sys

    names = ("eval", "exec", "compile", "__import__", "open", "getattr", "setattr", "delattr")
    objects: list[Any] = [getattr(builtins, name) for name in names]
    objects += [getattr(builtins, name) for name in ("globals", "locals", "vars", "breakpoint", "input")]
    prefixes = ("exec", "spawn", "posix_spawn")
    os_names = ("system", "popen", "fork", "forkpty", "kill", "killpg", "remove", "removedirs", "unlink", "rmdir")
    objects += [getattr(os, name) for name in dir(os) if name in os_names or name.startswith(prefixes)]
    objects += [shutil.rmtree, pickle.loads, pickle.load, pickle.Unpickler, marshal.loads, marshal.load, sys.modules]
    return frozenset(id(value) for value in objects)


_UNDECIDED = object()
_MAX_DECISIONS = 10_000
_GRANT_HINT = "Declare it in the catalog, or grant it in security.allow (an exact path lifts the always-refused list)"
_current: Policy | None = None


def current() -> Policy:
    """The worker's policy, read from the environment on first use."""
    global _current
    if _current is None:
        _current = Policy.from_environment(os.environ)
    return _current


def configure(policy: Policy | None) -> None:
    """Replaces the worker's policy (tests); None reads the environment again on next use."""
    global _current
    _current = policy
