"""User types: the user's own classes travelling as ext 12 ``[name, data]`` (proto/CODEC.md).

Register a converter once, in a module the workers import at start
(``$SNAKEPIT_TYPE_MODULES``, comma-separated; ``startSnakepit({ typeModules })`` sets it)::

    from snakepit_bridge import types

    types.register("geometry.Point", Point, to_wire=lambda p: [p.x, p.y], from_wire=lambda d: Point(*d))

TypeScript registers the same name (``typeRegistry.register``). ``to_wire`` returns plain
codec-encodable data; ``from_wire`` rebuilds the object from it.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import DecodeError

USER_TYPE_EXT = 12
TYPE_MODULES_ENVIRONMENT_VARIABLE = "SNAKEPIT_TYPE_MODULES"


@dataclass(frozen=True)
class UserType:
    name: str
    python_class: type
    to_wire: Callable[[Any], Any]
    from_wire: Callable[[Any], Any]


_by_name: dict[str, UserType] = {}
_by_class: dict[type, UserType] = {}


def register(name: str, python_class: type, to_wire: Callable[[Any], Any], from_wire: Callable[[Any], Any]) -> None:
    """Sends instances of ``python_class`` as ext 12 named ``name``; ext 12 named ``name`` decodes via ``from_wire``."""
    if not name:
        raise ValueError("a user type needs a non-empty name (the name TypeScript registers too)")
    if not isinstance(python_class, type):
        raise TypeError(f"python_class must be a class, got {python_class!r}")
    previous = _by_name.get(name)
    if previous is not None:
        _by_class.pop(previous.python_class, None)
    user_type = UserType(name, python_class, to_wire, from_wire)
    _by_name[name] = user_type
    _by_class[python_class] = user_type


def unregister(name: str) -> bool:
    """Removes the converter named ``name``; True when there was one."""
    user_type = _by_name.pop(name, None)
    if user_type is None:
        return False
    _by_class.pop(user_type.python_class, None)
    return True


def has_types() -> bool:
    return bool(_by_class)


def find(value: Any) -> UserType | None:
    """The converter for ``value``'s class (or its nearest registered base class), or None."""
    if not _by_class:
        return None
    for klass in type(value).__mro__:
        user_type = _by_class.get(klass)
        if user_type is not None:
            return user_type
    return None


def decode(items: Any) -> Any:
    """The object of an ext 12 payload, already unpacked to ``[name, data]``."""
    if not isinstance(items, list) or len(items) != 2 or not isinstance(items[0], str):
        raise DecodeError("ext 12 (user type) must be an array [name, data]")
    user_type = _by_name.get(items[0])
    if user_type is None:
        raise DecodeError(
            f'ext 12 names user type "{items[0]}", which this worker has not registered; call '
            f"snakepit_bridge.types.register({items[0]!r}, ...) in a module listed in "
            f"${TYPE_MODULES_ENVIRONMENT_VARIABLE}"
        )
    return user_type.from_wire(items[1])


def import_type_modules(environment: Any = None) -> list[str]:
    """Imports the modules of ``$SNAKEPIT_TYPE_MODULES`` so their ``register`` calls run; returns their names."""
    value = (environment if environment is not None else os.environ).get(TYPE_MODULES_ENVIRONMENT_VARIABLE, "")
    names = [name.strip() for name in value.split(",") if name.strip()]
    for name in names:
        try:
            importlib.import_module(name)
        except ImportError as error:
            raise SystemExit(
                f"cannot import user type module {name!r} from ${TYPE_MODULES_ENVIRONMENT_VARIABLE}: {error}"
            ) from error
    return names
