from __future__ import annotations

from typing import Any

import msgpack
import pytest

from snakepit_bridge.codec import REF_EXT, Codec
from snakepit_bridge.dispatch import Dispatcher
from snakepit_bridge.errors import BridgeError
from snakepit_bridge.pipeline import GRAPH_VERSION, OP_CALL, OP_GETATTR, OP_GETITEM, run
from snakepit_bridge.refs import RefRegistry


def node(index: int) -> dict[str, int]:
    return {"$snakepit_node": index}


def step(
    op: int,
    path: str | None = None,
    on: int | None = None,
    name: str | None = None,
    args: list[Any] | None = None,
    kwargs: dict[str, Any] | None = None,
    nodes: list[int] | bool | None = None,
    remote_object: Any = None,
) -> list[Any]:
    return [op, path, on, remote_object, name, args, kwargs, nodes]


def graph(steps: list[list[Any]], outputs: list[int], isolate: bool = False) -> list[Any]:
    return [GRAPH_VERSION, isolate, steps, outputs]


def test_dependent_steps_feed_each_other_and_only_outputs_come_back() -> None:
    result = run(
        graph(
            [
                step(OP_CALL, "collections.Counter", args=["abracadabra"]),
                step(OP_CALL, on=0, name="most_common", args=[1]),
                step(OP_GETITEM, on=1, args=[0]),
                step(OP_CALL, "builtins.len", args=[[node(0), {"nested": node(2)}]], nodes=True),
            ],
            [2, 3],
        )
    )
    assert result == [("a", 5), 2]


def test_nodes_at_argument_positions_are_step_indices() -> None:
    result = run(
        graph(
            [
                step(OP_CALL, "operator.add", args=[1, 2]),
                step(OP_CALL, "operator.mul", args=[0, 10], nodes=[0]),
                step(OP_CALL, "builtins.divmod", args=[1, 0], nodes=[0, 1]),
            ],
            [1, 2],
        )
    )
    assert result == [30, (10, 0)]


def test_attributes_module_attributes_and_kwargs() -> None:
    result = run(
        graph(
            [
                step(OP_GETATTR, "math.pi"),
                step(OP_CALL, "builtins.round", args=[node(0)], kwargs={"ndigits": 2}, nodes=True),
                step(OP_CALL, "types.SimpleNamespace", kwargs={"size": node(1)}, nodes=True),
                step(OP_GETATTR, on=2, name="size"),
            ],
            [3],
        )
    )
    assert result == [3.14]


def test_a_failing_step_is_named_with_its_exception() -> None:
    result = run(graph([step(OP_CALL, "math.sqrt", args=[4]), step(OP_CALL, "math.sqrt", args=[-1])], [1]))
    assert isinstance(result, dict)
    failed = result["failed"]
    assert failed["step"] == 1
    assert failed["target"] == "math.sqrt"
    assert (failed["type"], failed["module"], failed["code"]) == ("ValueError", "builtins", "")
    assert "math domain error" in failed["message"]


def test_bridge_refusals_carry_their_code() -> None:
    missing = run(graph([step(OP_CALL, "math.nope")], [0]))
    assert isinstance(missing, dict) and missing["failed"]["code"] == "not_found"
    private = run(graph([step(OP_GETATTR, "math"), step(OP_GETATTR, on=0, name="__loader__")], []))
    assert isinstance(private, dict) and private["failed"]["code"] == "not_allowed"
    assert private["failed"]["target"] == "<step 0>.__loader__"


def test_malformed_graphs_are_refused_as_bridge_errors() -> None:
    with pytest.raises(BridgeError, match="version"):
        run({"version": 1, "steps": [], "outputs": []})  # type: ignore[arg-type]
    with pytest.raises(BridgeError, match="does not name"):
        run(graph([], [0]))
    with pytest.raises(BridgeError, match="does not name"):
        run(graph([step(OP_CALL, "builtins.len", args=[[]])], [-2]))
    failed = run(graph([step(OP_CALL, "builtins.len", args=[node(3)], nodes=True)], []))
    assert isinstance(failed, dict) and "has not run or failed" in failed["failed"]["message"]
    later = run(graph([step(OP_CALL, "builtins.len", args=[1], nodes=[0])], []))
    assert isinstance(later, dict) and "has not run or failed" in later["failed"]["message"]
    first = step(OP_CALL, "builtins.len", args=[[]])
    beyond = run(graph([first, step(OP_CALL, "builtins.len", args=[0], nodes=[3])], []))
    assert isinstance(beyond, dict) and "name positions its 1 arguments lack" in beyond["failed"]["message"]
    short = run(graph([[OP_CALL, "builtins.len"]], []))
    assert isinstance(short, dict) and "must be [op, path" in short["failed"]["message"]
    bad_op = run(graph([step(7, "builtins.len")], []))
    assert isinstance(bad_op, dict) and "unknown pipeline step op 7" in bad_op["failed"]["message"]


def test_kept_outputs_travel_as_refs_even_when_copyable() -> None:
    refs = RefRegistry()
    result = run(graph([step(OP_CALL, "builtins.list", args=[[1, 2]])], [~0]))
    encoded = msgpack.unpackb(Codec(refs).encode(result), raw=False)
    ext = encoded[0]
    assert ext.code == REF_EXT
    ref_id = msgpack.unpackb(ext.data, raw=False)[0]
    assert refs.get(ref_id) == [1, 2]


def test_one_output_encodes_like_a_list_of_it() -> None:
    codec = Codec(RefRegistry())
    for value in (3, -30, 2.5, "text", None, [1, 2], {"a": 1}, 2**60):
        assert codec.encode([value]) == codec._pack(codec._prepare([value], 0)), value  # noqa: SLF001


def test_runs_through_the_dispatcher_like_any_call() -> None:
    dispatcher = Dispatcher(RefRegistry())
    getitem = step(OP_GETITEM, "os.environ", args=["PATH"])
    result = dispatcher.call(target="snakepit_bridge.pipeline.run", args=[graph([getitem], [0])])
    assert isinstance(result[0], str)


def test_isolated_runs_settle_each_output_on_its_own() -> None:
    result = run(
        graph(
            [
                step(OP_CALL, "math.sqrt", args=[16]),
                step(OP_CALL, "math.sqrt", args=[-1]),
                step(OP_CALL, name="index", args=[1], remote_object=[3, 1, 2]),
                step(OP_CALL, "builtins.abs", args=[1], nodes=[0]),
            ],
            [0, 1, 2, 3],
            isolate=True,
        )
    )
    assert isinstance(result, dict)
    settled = result["settled"]
    assert settled[0] == {"value": 4.0}
    assert settled[1]["failed"]["type"] == "ValueError"
    assert settled[2] == {"value": 1}
    assert "failed" in settled[3]["failed"]["message"]


def test_a_coalesced_call_takes_keyword_arguments_and_is_checked_like_any_path() -> None:
    result = run(
        graph(
            [
                step(OP_CALL, "builtins.int", args=["ff"], kwargs={"base": 16}),
                step(OP_CALL, "os._exit", args=[1]),
            ],
            [0, 1],
            isolate=True,
        )
    )
    assert isinstance(result, dict)
    settled = result["settled"]
    assert settled[0] == {"value": 255}
    assert settled[1]["failed"]["code"] == "not_allowed"
