"""CALL_KIND_MAP: a uniform batch as one request, through a real worker."""

from __future__ import annotations

from typing import Any

import msgpack
from rpc_helpers import value_of

from snakepit_bridge.gen.snakepit.v1 import bridge_pb2

CALL_KIND_MAP = bridge_pb2.CALL_KIND_MAP
Metadata = Any


def mapped(call_id: int, target: str, argument_lists: list[Any], keyword_maps: list[Any] | None = None) -> Any:
    kwargs = msgpack.packb(keyword_maps) if keyword_maps is not None else b""
    packed = msgpack.packb(argument_lists, use_bin_type=True)
    return bridge_pb2.CallRequest(id=call_id, target=target, args=packed, kwargs=kwargs, kind=CALL_KIND_MAP)


def test_every_element_gets_its_result_in_order(stub: Any, metadata: Metadata) -> None:
    reply = stub.Call(mapped(1, "operator.add", [[index, 1] for index in range(100)]), metadata=metadata)
    results, failures = value_of(reply)
    assert results == [index + 1 for index in range(100)] and failures == []


def test_a_failing_element_fails_alone_with_its_python_error(stub: Any, metadata: Metadata) -> None:
    reply = stub.Call(mapped(1, "math.sqrt", [[16], [-1], [9], ["x"]]), metadata=metadata)
    results, failures = value_of(reply)
    assert results == [4.0, None, 3.0, None]
    assert [failure[0] for failure in failures] == [1, 3]
    assert failures[0][1:4] == ["ValueError", "builtins", "math domain error"]
    assert failures[1][1] == "TypeError"


def test_keyword_maps_travel_per_element(stub: Any, metadata: Metadata) -> None:
    reply = stub.Call(
        mapped(1, "json.dumps", [[{"b": 1, "a": 2}], [[1]]], [{"sort_keys": True}, {}]), metadata=metadata
    )
    assert value_of(reply) == [['{"a": 2, "b": 1}', "[1]"], []]


def test_the_allowlist_and_resolution_apply_to_the_whole_map(stub: Any, metadata: Metadata) -> None:
    assert stub.Call(mapped(1, "os.system", [["true"]]), metadata=metadata).error.bridge_code == "not_allowed"
    assert stub.Call(mapped(2, "math.sqr", [[1]]), metadata=metadata).error.bridge_code == "not_found"
    malformed = stub.Call(mapped(3, "math.sqrt", [[1]], [{}, {}]), metadata=metadata).error
    assert "one per element" in malformed.message
