from __future__ import annotations

import collections
import math
import os.path

import pytest

from snakepit_bridge.dispatch import Dispatcher
from snakepit_bridge.errors import BridgeError, NotAllowedError, NotCallableError, NotFoundError, UnknownRefError
from snakepit_bridge.refs import RefRegistry


@pytest.fixture
def refs() -> RefRegistry:
    return RefRegistry()


@pytest.fixture
def dispatcher(refs: RefRegistry) -> Dispatcher:
    return Dispatcher(refs)


def test_resolves_modules_submodules_and_attributes(dispatcher: Dispatcher) -> None:
    assert dispatcher.resolve("math.sqrt") is math.sqrt
    assert dispatcher.resolve("os.path.join") is os.path.join
    assert dispatcher.resolve("collections.OrderedDict.fromkeys") == collections.OrderedDict.fromkeys
    assert dispatcher.resolve("xml.dom.minidom").__name__ == "xml.dom.minidom"  # submodule not imported by its parent


def test_call_with_args_and_kwargs(dispatcher: Dispatcher) -> None:
    assert dispatcher.call(target="math.hypot", args=[3, 4]) == 5.0
    assert dispatcher.call(target="builtins.sorted", args=[[3, 1, 2]], kwargs={"reverse": True}) == [3, 2, 1]


def test_call_constructs_classes_and_calls_methods_on_refs(dispatcher: Dispatcher, refs: RefRegistry) -> None:
    counter = dispatcher.call(target="collections.Counter", args=["abracadabra"])
    ref_id = refs.register(counter)
    assert dispatcher.call(ref_id=ref_id, attribute="most_common", args=[1]) == [("a", 5)]
    assert dispatcher.lookup(ref_id=ref_id) is counter


def test_empty_attribute_calls_the_ref_itself(dispatcher: Dispatcher, refs: RefRegistry) -> None:
    ref_id = refs.register(lambda value: value * 2)
    assert dispatcher.call(ref_id=ref_id, args=[21]) == 42


def test_get_and_set_attributes(dispatcher: Dispatcher, refs: RefRegistry) -> None:
    namespace = dispatcher.call(target="types.SimpleNamespace", kwargs={"a": 1})
    ref_id = refs.register(namespace)
    dispatcher.set_attribute(ref_id=ref_id, attribute="b", value=2)
    assert dispatcher.lookup(ref_id=ref_id, attribute="b") == 2
    assert dispatcher.lookup(target="math.pi") == math.pi


def test_coroutines_are_run(dispatcher: Dispatcher) -> None:
    assert dispatcher.call(target="asyncio.sleep", args=[0, "done"]) == "done"


def test_not_found_names_the_module_and_suggests(dispatcher: Dispatcher) -> None:
    with pytest.raises(NotFoundError, match=r"module math has no attribute 'sqr'.*'sqrt'"):
        dispatcher.resolve("math.sqr")
    with pytest.raises(NotFoundError, match="no module named 'no_such_module_xyz'"):
        dispatcher.resolve("no_such_module_xyz.thing")


def test_private_and_dunder_walks_are_not_allowed(dispatcher: Dispatcher, refs: RefRegistry) -> None:
    for path in ["os._exit", "math.__dict__", "_thread.start_new_thread", "builtins.object.__subclasses__"]:
        with pytest.raises(NotAllowedError):
            dispatcher.resolve(path)
    ref_id = refs.register(object())
    with pytest.raises(NotAllowedError):
        dispatcher.call(ref_id=ref_id, attribute="__class__")
    with pytest.raises(NotAllowedError):
        dispatcher.set_attribute(ref_id=ref_id, attribute="_hidden", value=1)


def test_bridge_errors(dispatcher: Dispatcher) -> None:
    with pytest.raises(NotCallableError, match="cannot be called"):
        dispatcher.call(target="math.pi")
    with pytest.raises(UnknownRefError):
        dispatcher.call(ref_id="r404", attribute="x")
    with pytest.raises(BridgeError, match="needs a target"):
        dispatcher.call()
    with pytest.raises(BridgeError, match="dotted path"):
        dispatcher.resolve("math..sqrt")


def test_user_exceptions_propagate_unchanged(dispatcher: Dispatcher) -> None:
    with pytest.raises(ValueError, match="math domain error"):
        dispatcher.call(target="math.sqrt", args=[-1])
