"""TypeScript functions the program exposed with ``py.expose("name", fn)``, callable from Python.

    from snakepit_bridge import tools
    price = tools.lookup_price("AAPL")          # runs the TypeScript function, returns its result

Only names the TypeScript program exposed exist: the TypeScript side checks the name
(and, when the tool declared one, validates the arguments) before anything runs, so
Python cannot reach any other TypeScript function. A tool is called on the session of
the call that is running, so it works from code that TypeScript called (directly or
nested), not from a thread of its own after that call has ended.
"""

from __future__ import annotations

import re
from typing import Any

from .callbacks import current
from .errors import BridgeError

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class Tool:
    """A callable for one exposed TypeScript tool."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        running = current()
        if running is None:
            raise BridgeError(
                f"tools.{self.name}() was called outside a call from TypeScript: tools run on the session of "
                "the running call; call it from code that TypeScript invoked (not from a thread started later)",
                code="bad_request",
            )
        link, _job = running
        return link.invoke(args, kwargs, tool=self.name, label=f"tool {self.name}")

    def __repr__(self) -> str:
        return f"<TypeScript tool {self.name}>"


def __getattr__(name: str) -> Tool:
    if name.startswith("__") or not _NAME.match(name):
        raise AttributeError(f"{name!r} is not a tool name (letters, digits and underscores)")
    return Tool(name)
