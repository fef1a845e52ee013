from __future__ import annotations

from typing import Any

import msgpack
import pytest

from snakepit_bridge.codec import REF_EXT, Codec
from snakepit_bridge.dispatch import Dispatcher
from snakepit_bridge.errors import BridgeError
from snakepit_bridge.pipeline import run
from snakepit_bridge.refs import RefRegistry


def node(index: int) -> dict[str, int]:
    return {"$snakepit_node": index}


def graph(steps: list[dict[str, Any]], outputs: list[dict[str, Any]]) -> dict[str, Any]:
    return {"version": 1, "steps": steps, "outputs": outputs}


def test_dependent_steps_feed_each_other_and_only_outputs_come_back() -> None:
    result = run(
        graph(
            [
                {"op": "call", "path": "collections.Counter", "args": ["abracadabra"]},
                {"op": "call", "on": 0, "name": "most_common", "args": [1]},
                {"op": "getitem", "on": 1, "args": [0]},
                {"op": "call", "path": "builtins.len", "args": [[node(0), {"nested": node(2)}]]},
            ],
            [{"step": 2}, {"step": 3}],
        )
    )
    assert result == {"outputs": [("a", 5), 2]}


def test_attributes_module_attributes_and_kwargs() -> None:
    result = run(
        graph(
            [
                {"op": "getattr", "path": "math.pi"},
                {"op": "call", "path": "builtins.round", "args": [node(0)], "kwargs": {"ndigits": 2}},
                {"op": "call", "path": "types.SimpleNamespace", "kwargs": {"size": node(1)}},
                {"op": "getattr", "on": 2, "name": "size"},
            ],
            [{"step": 3}],
        )
    )
    assert result == {"outputs": [3.14]}


def test_a_failing_step_is_named_with_its_exception() -> None:
    result = run(
        graph(
            [{"op": "call", "path": "math.sqrt", "args": [4]}, {"op": "call", "path": "math.sqrt", "args": [-1]}],
            [{"step": 1}],
        )
    )
    failed = result["failed"]
    assert failed["step"] == 1
    assert failed["target"] == "math.sqrt"
    assert (failed["type"], failed["module"], failed["code"]) == ("ValueError", "builtins", "")
    assert "math domain error" in failed["message"]


def test_bridge_refusals_carry_their_code() -> None:
    missing = run(graph([{"op": "call", "path": "math.nope"}], [{"step": 0}]))["failed"]
    assert missing["code"] == "not_found"
    private = run(graph([{"op": "getattr", "path": "math"}, {"op": "getattr", "on": 0, "name": "__loader__"}], []))
    assert private["failed"]["code"] == "not_allowed"
    assert private["failed"]["target"] == "<step 0>.__loader__"


def test_malformed_graphs_are_refused_as_bridge_errors() -> None:
    with pytest.raises(BridgeError, match="version"):
        run({"steps": []})
    with pytest.raises(BridgeError, match="does not name"):
        run(graph([], [{"step": 0}]))
    failed = run(graph([{"op": "call", "path": "builtins.len", "args": [node(3)]}], []))["failed"]
    assert "has not run or failed" in failed["message"]


def test_kept_outputs_travel_as_refs_even_when_copyable() -> None:
    refs = RefRegistry()
    result = run(graph([{"op": "call", "path": "builtins.list", "args": [[1, 2]]}], [{"step": 0, "keep": True}]))
    encoded = msgpack.unpackb(Codec(refs).encode(result), raw=False)
    ext = encoded["outputs"][0]
    assert ext.code == REF_EXT
    ref_id = msgpack.unpackb(ext.data, raw=False)[0]
    assert refs.get(ref_id) == [1, 2]


def test_runs_through_the_dispatcher_like_any_call() -> None:
    dispatcher = Dispatcher(RefRegistry())
    step = {"op": "getitem", "path": "os.environ", "args": ["PATH"]}
    result = dispatcher.call(target="snakepit_bridge.pipeline.run", args=[graph([step], [{"step": 0}])])
    assert isinstance(result["outputs"][0], str)


def test_isolated_runs_settle_each_output_on_its_own() -> None:
    result = run(
        {
            "version": 1,
            "isolate": True,
            "steps": [
                {"op": "call", "path": "math.sqrt", "args": [16], "literal": True},
                {"op": "call", "path": "math.sqrt", "args": [-1], "literal": True},
                {"op": "call", "object": [3, 1, 2], "name": "index", "args": [1], "literal": True},
                {"op": "call", "path": "builtins.abs", "args": [node(1)]},
            ],
            "outputs": [{"step": 0}, {"step": 1}, {"step": 2}, {"step": 3}],
        }
    )
    settled = result["settled"]
    assert settled[0] == {"value": 4.0}
    assert settled[1]["failed"]["type"] == "ValueError"
    assert settled[2] == {"value": 1}
    assert "failed" in settled[3]["failed"]["message"]


def test_a_coalesced_call_takes_keyword_arguments_and_is_checked_like_any_path() -> None:
    result = run(
        {
            "version": 1,
            "isolate": True,
            "steps": [
                {"op": "call", "path": "builtins.int", "args": ["ff"], "kwargs": {"base": 16}, "literal": True},
                {"op": "call", "path": "os._exit", "args": [1], "literal": True},
            ],
            "outputs": [{"step": 0}, {"step": 1}],
        }
    )
    settled = result["settled"]
    assert settled[0] == {"value": 255}
    assert settled[1]["failed"]["code"] == "not_allowed"
