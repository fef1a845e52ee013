"""proto/codec-vectors.json: bytes both codecs must read, and this one must write, identically."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import numpy
import pytest

from snakepit_bridge.codec import Codec, ResultMode
from snakepit_bridge.refs import RefRegistry

VECTORS = json.loads((Path(__file__).resolve().parents[2] / "proto" / "codec-vectors.json").read_text("utf-8"))
REQUIRED = {"int small", "bigint beyond uint64", "float", "str", "bin", "list", "dict", "Map with int keys", "tuple",
            "set", "datetime milliseconds", "ndarray float64 2x2", "ndarray int32", "ref"}  # fmt: skip


def expected_value(description: dict[str, Any], ref_target: object) -> Any:
    kind = description["type"]
    if kind == "nil":
        return None
    if kind in ("bool", "int", "float", "str"):
        return description["value"]
    if kind == "bigint":
        return int(description["value"])
    if kind == "bin":
        return bytes.fromhex(description["hex"])
    if kind == "list":
        return [expected_value(item, ref_target) for item in description["items"]]
    if kind == "tuple":
        return tuple(expected_value(item, ref_target) for item in description["items"])
    if kind == "set":
        return {expected_value(item, ref_target) for item in description["items"]}
    if kind == "dict":
        return {key: expected_value(item, ref_target) for key, item in description["entries"].items()}
    if kind == "map":
        entries = description["entries"]
        return {expected_value(key, ref_target): expected_value(item, ref_target) for key, item in entries}
    if kind == "datetime":
        return datetime.datetime.fromisoformat(description["iso"].replace("Z", "+00:00"))
    if kind == "ndarray":
        return numpy.array(description["data"], dtype=description["dtype"]).reshape(description["shape"])
    if kind == "ref":
        return ref_target
    raise AssertionError(f"unknown value_json type {kind}")


def test_the_required_vectors_are_present() -> None:
    assert REQUIRED <= {vector["name"] for vector in VECTORS}


@pytest.mark.parametrize("vector", VECTORS, ids=[vector["name"] for vector in VECTORS])
def test_python_decodes_the_vector(vector: dict[str, Any]) -> None:
    registry = RefRegistry()
    target = object()
    registry.register(target)  # "r1", as in the vector
    decoded = Codec(registry).decode(bytes.fromhex(vector["hex"]))
    expected = expected_value(vector["value_json"], target)
    if isinstance(expected, numpy.ndarray):
        assert decoded.dtype == expected.dtype and decoded.shape == expected.shape
        numpy.testing.assert_array_equal(decoded, expected)
    elif vector["value_json"]["type"] == "ref":
        assert decoded is target
    else:
        assert decoded == expected
        assert type(decoded) is type(expected)


@pytest.mark.parametrize("vector", VECTORS, ids=[vector["name"] for vector in VECTORS])
def test_python_encodes_the_vector(vector: dict[str, Any]) -> None:
    registry = RefRegistry()
    target = object()
    value = target if vector["value_json"]["type"] == "ref" else expected_value(vector["value_json"], target)
    assert Codec(registry).encode(value, ResultMode.AUTO).hex() == vector["hex"]
