from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import msgpack
import pytest

import snakepit_bridge.types
from snakepit_bridge import types, user_types
from snakepit_bridge.codec import Codec, ResultMode
from snakepit_bridge.errors import DecodeError
from snakepit_bridge.refs import RefRegistry


@dataclass
class Point:
    x: float
    y: float


@pytest.fixture
def codec() -> Iterator[Codec]:
    types.register("geometry.Point", Point, to_wire=lambda p: [p.x, p.y], from_wire=lambda d: Point(*d))
    yield Codec(RefRegistry())
    types.unregister("geometry.Point")


def test_the_module_is_reachable_as_snakepit_bridge_types() -> None:
    assert snakepit_bridge.types is user_types


def test_registered_instances_encode_as_ext_12(codec: Codec) -> None:
    data = codec.encode(Point(1, 2.5))
    assert data == msgpack.packb(msgpack.ExtType(12, msgpack.packb(["geometry.Point", [1, 2.5]])))


def test_ext_12_decodes_through_from_wire_nested(codec: Codec) -> None:
    payload = msgpack.packb(["geometry.Point", [3, 4]])
    decoded = codec.decode(msgpack.packb({"p": [msgpack.ExtType(12, payload)]}))
    assert decoded == {"p": [Point(3, 4)]}


def test_round_trip_in_containers_and_mode_value(codec: Codec) -> None:
    value = {"points": [Point(1, 2), Point(-1, 0.5)], "pair": (Point(0, 0),)}
    assert codec.decode(codec.encode(value, ResultMode.VALUE)) == value


def test_subclasses_use_the_base_class_converter(codec: Codec) -> None:
    class Labelled(Point):
        pass

    assert codec.decode(codec.encode(Labelled(1, 1))) == Point(1, 1)


def test_unknown_name_is_a_decode_error_naming_it(codec: Codec) -> None:
    data = msgpack.packb(msgpack.ExtType(12, msgpack.packb(["geometry.Nope", [1]])))
    with pytest.raises(DecodeError, match=r'"geometry\.Nope".*register'):
        codec.decode(data)


def test_malformed_payload_is_a_decode_error(codec: Codec) -> None:
    with pytest.raises(DecodeError, match=r"ext 12"):
        codec.decode(msgpack.packb(msgpack.ExtType(12, msgpack.packb({"a": 1}))))
    with pytest.raises(DecodeError, match=r"\[name, data\]"):
        codec.decode(msgpack.packb(msgpack.ExtType(12, msgpack.packb([1, 2, 3]))))


def test_unregistered_classes_still_become_refs() -> None:
    data = Codec(RefRegistry()).encode(Point(1, 2))
    assert msgpack.unpackb(data).code == 6


def test_type_modules_from_the_environment_are_imported() -> None:
    assert user_types.import_type_modules({"SNAKEPIT_TYPE_MODULES": " json , "}) == ["json"]
    with pytest.raises(SystemExit, match="no_such_module_xyz"):
        user_types.import_type_modules({"SNAKEPIT_TYPE_MODULES": "no_such_module_xyz"})
