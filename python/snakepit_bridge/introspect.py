"""Describe modules, classes and callables as the JSON shapes of
packages/core/src/model/description.ts (camelCase, optional fields left out).

    describe(dispatcher, "math.hypot")
    # {"path": "math.hypot", "name": "hypot", "kind": "function", "doc": "...", "isAsync": false, ...}
"""

from __future__ import annotations

import functools
import inspect
from types import ModuleType
from typing import Any

from .dispatch import Dispatcher

_MAX_DEFAULT_LENGTH = 200
_KIND_NAMES = {
    inspect.Parameter.POSITIONAL_ONLY: "positional_only",
    inspect.Parameter.POSITIONAL_OR_KEYWORD: "positional_or_keyword",
    inspect.Parameter.VAR_POSITIONAL: "var_positional",
    inspect.Parameter.KEYWORD_ONLY: "keyword_only",
    inspect.Parameter.VAR_KEYWORD: "var_keyword",
}


def describe(dispatcher: Dispatcher, path: str, members: bool = False) -> dict[str, Any]:
    """The Description of the object at ``path``; ``members`` lists a module's public members."""
    value = dispatcher.inspect_target(path)
    if isinstance(value, ModuleType):
        return describe_module(path, value, members)
    if inspect.isclass(value):
        return describe_class(path, value)
    if callable(value):
        return describe_callable(path, value)
    return {**_base(path, None), "kind": "attribute", "type": qualified_name(type(value))}


def describe_module(path: str, module: ModuleType, members: bool) -> dict[str, Any]:
    description = {**_base(path, module), "kind": "module"}
    exported = getattr(module, "__all__", None)
    if isinstance(exported, (list, tuple)):
        description["all"] = [str(name) for name in exported]
    if members:
        names = description.get("all") or sorted(name for name in dir(module) if not name.startswith("_"))
        description["members"] = [_member(module, name) for name in names if not name.startswith("_")]
    return description


def describe_class(path: str, cls: type) -> dict[str, Any]:
    description = {**_base(path, cls), "kind": "class"}
    parameters = _parameters(cls)
    if parameters is not None:
        description["parameters"] = parameters
    description["methods"] = [
        describe_callable(f"{path}.{name}", method, drop_first=drops_first)
        for name, method, drops_first in _public_methods(cls)
    ]
    description["bases"] = [qualified_name(base) for base in cls.__mro__[1:] if base is not object]
    return description


def describe_callable(path: str, function: Any, drop_first: bool = False) -> dict[str, Any]:
    description = {**_base(path, function), "kind": "function"}
    signature = _signature(function)
    if signature is not None:
        parameters = [_parameter(parameter) for parameter in signature.parameters.values()]
        description["parameters"] = parameters[1:] if drop_first else parameters
        if signature.return_annotation is not inspect.Signature.empty:
            description["returns"] = _annotation_text(signature.return_annotation)
    target = inspect.unwrap(function) if callable(function) else function
    description["isAsync"] = inspect.iscoroutinefunction(target) or inspect.isasyncgenfunction(target)
    description["isGenerator"] = inspect.isgeneratorfunction(target) or inspect.isasyncgenfunction(target)
    return description


def qualified_name(cls: type) -> str:
    """ "collections.OrderedDict"; builtins without their module: "dict"."""
    module = getattr(cls, "__module__", "builtins")
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


def _base(path: str, value: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"path": path, "name": path.rpartition(".")[2]}
    doc = getattr(value, "__doc__", None) if value is not None else None
    if isinstance(doc, str) and doc.strip():
        base["doc"] = inspect.cleandoc(doc)
    distribution = distribution_of(path.partition(".")[0])
    if distribution is not None:
        base["distribution"] = distribution
    return base


def _member(module: ModuleType, name: str) -> dict[str, Any]:
    try:
        value = getattr(module, name)
    except Exception:  # lazy attributes may fail to load; list them without detail
        return {"name": name, "kind": "attribute"}
    if isinstance(value, ModuleType):
        kind = "module"
    elif inspect.isclass(value):
        kind = "class"
    elif callable(value):
        kind = "function"
    else:
        return {"name": name, "kind": "attribute"}
    member: dict[str, Any] = {"name": name, "kind": kind}
    doc = getattr(value, "__doc__", None)
    if isinstance(doc, str) and doc.strip():
        member["summary"] = inspect.cleandoc(doc).splitlines()[0]
    return member


def _public_methods(cls: type) -> list[tuple[str, Any, bool]]:
    """(name, callable, whether the first parameter is self) for public methods, inherited ones too."""
    methods = []
    for name in sorted(dir(cls)):
        if name.startswith("_"):
            continue
        try:
            static = inspect.getattr_static(cls, name)
            value = getattr(cls, name)
        except AttributeError:
            continue
        if isinstance(static, (property, functools.cached_property)) or inspect.isclass(value) or not callable(value):
            continue
        if isinstance(static, (staticmethod, classmethod)) or inspect.ismethod(value):
            methods.append((name, value, False))  # cls already bound, or no self at all
        else:
            methods.append((name, value, True))
    return methods


def _signature(function: Any) -> inspect.Signature | None:
    try:
        return inspect.signature(function)
    except (TypeError, ValueError):  # builtins and ufuncs without text signatures
        return None


def _parameters(function: Any) -> list[dict[str, Any]] | None:
    signature = _signature(function)
    return None if signature is None else [_parameter(parameter) for parameter in signature.parameters.values()]


def _parameter(parameter: inspect.Parameter) -> dict[str, Any]:
    description: dict[str, Any] = {"name": parameter.name, "kind": _KIND_NAMES[parameter.kind]}
    if parameter.default is not inspect.Parameter.empty:
        description["default"] = _default_text(parameter.default)
    if parameter.annotation is not inspect.Parameter.empty:
        description["annotation"] = _annotation_text(parameter.annotation)
    return description


def _default_text(value: Any) -> str:
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__}>"
    return text if len(text) <= _MAX_DEFAULT_LENGTH else text[: _MAX_DEFAULT_LENGTH - 3] + "..."


def _annotation_text(annotation: Any) -> str:
    return annotation if isinstance(annotation, str) else inspect.formatannotation(annotation)


@functools.lru_cache(maxsize=1)
def _distributions_by_module() -> dict[str, list[str]]:
    from importlib import metadata

    return dict(metadata.packages_distributions())


@functools.lru_cache(maxsize=256)
def distribution_of(top_level_module: str) -> dict[str, str] | None:
    """{name, version} of the installed distribution providing a top-level module, if any."""
    from importlib import metadata

    names = _distributions_by_module().get(top_level_module)
    if not names:
        return None
    try:
        return {"name": names[0], "version": metadata.version(names[0])}
    except metadata.PackageNotFoundError:
        return None
