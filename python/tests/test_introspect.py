from __future__ import annotations

import json

import pytest

from snakepit_bridge.dispatch import Dispatcher
from snakepit_bridge.errors import NotFoundError
from snakepit_bridge.introspect import describe
from snakepit_bridge.refs import RefRegistry


@pytest.fixture
def dispatcher() -> Dispatcher:
    return Dispatcher(RefRegistry())


def test_function_with_parameters_defaults_and_kinds(dispatcher: Dispatcher) -> None:
    description = describe(dispatcher, "json.dumps")
    assert description["kind"] == "function"
    assert description["path"] == "json.dumps" and description["name"] == "dumps"
    assert description["doc"].startswith("Serialize ``obj`` to a JSON formatted ``str``.")
    parameters = {parameter["name"]: parameter for parameter in description["parameters"]}
    assert parameters["obj"] == {"name": "obj", "kind": "positional_or_keyword"}
    assert parameters["skipkeys"] == {"name": "skipkeys", "kind": "keyword_only", "default": "False"}
    assert parameters["kw"]["kind"] == "var_keyword"
    assert description["isAsync"] is False and description["isGenerator"] is False
    assert "distribution" not in description  # the standard library has none
    json.dumps(description)


def test_annotations_and_return_type(dispatcher: Dispatcher) -> None:
    description = describe(dispatcher, "statistics.fmean")
    assert description["kind"] == "function"
    assert [parameter["name"] for parameter in description["parameters"]] == ["data", "weights"]
    mean = describe(dispatcher, "statistics.mean")
    assert mean["parameters"] == [{"name": "data", "kind": "positional_or_keyword"}]
    described = describe(dispatcher, "bridge_fixtures.async_double")
    assert described["parameters"] == [{"name": "value", "kind": "positional_or_keyword", "annotation": "int"}]
    assert described["returns"] == "int"
    assert described["isAsync"] is True
    assert describe(dispatcher, "bridge_fixtures.numbers_then_mark")["isGenerator"] is True


def test_builtins_without_signature_omit_parameters(dispatcher: Dispatcher) -> None:
    description = describe(dispatcher, "math.sqrt")
    assert description["kind"] == "function"
    assert description["parameters"] == [{"name": "x", "kind": "positional_only"}]
    assert "parameters" not in describe(dispatcher, "builtins.iter")


def test_class_constructor_methods_and_bases(dispatcher: Dispatcher) -> None:
    description = describe(dispatcher, "collections.OrderedDict")
    assert description["kind"] == "class"
    assert description["bases"] == ["dict"]
    methods = {method["name"]: method for method in description["methods"]}
    assert "move_to_end" in methods and "popitem" in methods
    assert methods["move_to_end"]["path"] == "collections.OrderedDict.move_to_end"
    accumulator = describe(dispatcher, "bridge_fixtures.Accumulator")
    assert accumulator["parameters"] == [
        {"name": "start", "kind": "positional_or_keyword", "default": "0", "annotation": "int"}
    ]
    add = next(method for method in accumulator["methods"] if method["name"] == "add")
    assert [parameter["name"] for parameter in add["parameters"]] == ["value"]  # no self
    assert accumulator["doc"] == "Adds numbers up."


def test_module_with_members_and_all(dispatcher: Dispatcher) -> None:
    description = describe(dispatcher, "statistics", members=True)
    assert description["kind"] == "module"
    assert "mean" in description["all"]
    members = {member["name"]: member for member in description["members"]}
    assert members["mean"]["kind"] == "function"
    assert members["mean"]["summary"] == "Return the sample arithmetic mean of data."
    assert members["StatisticsError"]["kind"] == "class"
    assert "members" not in describe(dispatcher, "math")
    math_members = {member["name"]: member for member in describe(dispatcher, "math", members=True)["members"]}
    assert math_members["pi"] == {"name": "pi", "kind": "attribute"}


def test_attribute(dispatcher: Dispatcher) -> None:
    assert describe(dispatcher, "math.pi") == {"path": "math.pi", "name": "pi", "kind": "attribute", "type": "float"}


def test_distribution_of_an_installed_package(dispatcher: Dispatcher) -> None:
    description = describe(dispatcher, "msgpack.packb")
    assert description["distribution"]["name"] == "msgpack"
    assert description["distribution"]["version"]


def test_missing_target(dispatcher: Dispatcher) -> None:
    with pytest.raises(NotFoundError):
        describe(dispatcher, "json.no_such_function")
