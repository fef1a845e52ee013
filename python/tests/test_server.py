"""A real worker process, exercised through a grpc client."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import grpc
import pytest
from conftest import Worker
from rpc_helpers import SessionClient, ref_id_of, request, value_of

from snakepit_bridge.gen.snakepit.v1 import bridge_pb2

Metadata = Any


def test_handshake_is_one_json_line_with_the_address(worker: Worker) -> None:
    assert worker.handshake["event"] == "ready"
    assert worker.handshake["pid"] == worker.process.pid
    assert worker.handshake["address"] == f"unix:{worker.socket_path}"
    assert worker.handshake["bridge_version"] == "0.1.0"
    assert worker.handshake["python_version"].count(".") == 2
    assert oct(worker.socket_path.stat().st_mode & 0o777) == oct(0o600)
    assert oct(worker.socket_path.parent.stat().st_mode & 0o777) == oct(0o700)


def test_unary_call(stub: Any, metadata: Metadata) -> None:
    reply = stub.Call(request(1, "operator.add", 2, 3), metadata=metadata)
    assert reply.id == 1 and value_of(reply) == 5
    reply = stub.Call(request(2, "json.dumps", {"b": 1, "a": 2}, kwargs={"sort_keys": True}), metadata=metadata)
    assert value_of(reply) == '{"a": 2, "b": 1}'


def test_errors_carry_type_module_traceback_and_bridge_code(stub: Any, metadata: Metadata) -> None:
    error = stub.Call(request(1, "bridge_fixtures.fail", "boom"), metadata=metadata).error
    assert (error.type, error.module, error.message, error.bridge_code) == ("ValueError", "builtins", "boom", "")
    assert "bridge_fixtures.py" in error.traceback and "snakepit_bridge" not in error.traceback
    missing = stub.Call(request(2, "math.sqr"), metadata=metadata).error
    assert missing.bridge_code == "not_found" and "did you mean 'sqrt'" in missing.message
    assert stub.Call(request(3, "os._exit", 1), metadata=metadata).error.bridge_code == "not_allowed"
    assert stub.Call(request(4, "math.sqrt", -1), metadata=metadata).error.type == "ValueError"


def test_batch_keeps_order_and_isolates_failures(stub: Any, metadata: Metadata) -> None:
    calls = [request(1, "math.sqrt", 16), request(2, "math.sqrt", -1), request(3, "operator.add", 1, 2)]
    replies = stub.Batch(bridge_pb2.BatchRequest(calls=calls), metadata=metadata).replies
    assert [reply.id for reply in replies] == [1, 2, 3]
    assert value_of(replies[0]) == 4.0 and replies[1].error.type == "ValueError" and value_of(replies[2]) == 3
    stopped = stub.Batch(bridge_pb2.BatchRequest(calls=calls, stop_on_error=True), metadata=metadata).replies
    assert value_of(stopped[0]) == 4.0 and stopped[1].error.type == "ValueError"
    assert stopped[2].error.bridge_code == "cancelled" and "stop_on_error" in stopped[2].error.message
    assert stub.Batch(bridge_pb2.BatchRequest(), metadata=metadata).replies == []


def test_session_runs_many_calls_per_frame_and_batches_replies(stub: Any, metadata: Metadata) -> None:
    session = SessionClient(stub, metadata)
    session.send(*[request(index, "operator.add", index, 1) for index in range(50)])
    frames = 0
    replies: dict[int, Any] = {}
    while len(replies) < 50:
        frame = next(session.replies)
        frames += 1
        replies.update({reply.id: value_of(reply) for reply in frame.replies})
    assert replies == {index: index + 1 for index in range(50)}
    assert frames < 50  # replies ready together travel together
    session.send(request(100, "math.sqrt", -1), request(101, "builtins.divmod", 7, 2))
    more = session.collect(2)
    assert more[100].error.type == "ValueError" and value_of(more[101]) == (3, 1)
    session.close()
    assert list(session.replies) == []  # half-close with nothing pending ends the stream


def test_refs_methods_attributes_and_release(stub: Any, metadata: Metadata) -> None:
    counter = stub.Call(request(1, "collections.Counter", "abracadabra", result_mode=1), metadata=metadata)
    counter_id = ref_id_of(counter)
    most_common = stub.Call(request(2, ref_id=counter_id, attribute="most_common", args=b"\x91\x01"), metadata=metadata)
    assert value_of(most_common) == [("a", 5)]
    namespace_id = ref_id_of(stub.Call(request(3, "types.SimpleNamespace", kwargs={"a": 1}, result_mode=1),
                                       metadata=metadata))  # fmt: skip
    set_attr = request(4, ref_id=namespace_id, attribute="b", kind=2, args=b"\x91\x02")
    assert stub.Call(set_attr, metadata=metadata).HasField("value")
    get_attr = stub.Call(request(5, ref_id=namespace_id, attribute="b", kind=1), metadata=metadata)
    assert value_of(get_attr) == 2
    before = stub.Health(bridge_pb2.HealthRequest(), metadata=metadata).refs
    released = stub.Release(bridge_pb2.ReleaseRequest(ref_ids=[counter_id, namespace_id, "r-nope"]), metadata=metadata)
    assert released.released == 2
    assert stub.Health(bridge_pb2.HealthRequest(), metadata=metadata).refs == before - 2
    gone = stub.Call(request(6, ref_id=counter_id, attribute="most_common"), metadata=metadata)
    assert gone.error.bridge_code == "unknown_ref"


def test_stream_yields_items_and_errors(stub: Any, metadata: Metadata) -> None:
    items = [value_of(item) for item in stub.Stream(request(1, "builtins.range", 5), metadata=metadata)]
    assert items == [0, 1, 2, 3, 4]
    mid_stream = list(stub.Stream(request(2, "itertools.accumulate", [1, 2, "a"]), metadata=metadata))
    assert [value_of(item) for item in mid_stream[:2]] == [1, 3]
    assert mid_stream[2].error.type == "TypeError" and len(mid_stream) == 3
    not_iterable = list(stub.Stream(request(3, "math.sqrt", 4), metadata=metadata))
    assert not_iterable[0].error.type == "TypeError"
    missing = list(stub.Stream(request(4, "itertools.nope"), metadata=metadata))
    assert missing[0].error.bridge_code == "not_found"


def test_cancelling_a_stream_closes_the_generator(stub: Any, metadata: Metadata, tmp_path: Path) -> None:
    marker = tmp_path / "closed.txt"
    stream = stub.Stream(request(1, "bridge_fixtures.numbers_then_mark", str(marker)), metadata=metadata)
    assert [value_of(next(stream)) for _ in range(3)] == [0, 1, 2]
    stream.cancel()
    wait_until(marker.exists, "the generator's finally block did not run after cancel")
    assert value_of(stub.Call(request(2, "math.sqrt", 9), metadata=metadata)) == 3.0


def test_session_cancel_interrupts_a_running_call(stub: Any, metadata: Metadata) -> None:
    session = SessionClient(stub, metadata)
    session.send(request(1, "bridge_fixtures.busy_loop", 30))
    time.sleep(0.2)
    started = time.monotonic()
    session.send(cancel=(1,))
    reply = session.collect(1)[1]
    assert reply.error.bridge_code == "cancelled"
    assert time.monotonic() - started < 2
    session.send(request(2, "bridge_fixtures.sleep_then", 30, "late"))  # a C-level sleep
    time.sleep(0.2)
    cancelled = stub.Cancel(bridge_pb2.CancelRequest(ids=[2]), metadata=metadata)
    assert cancelled.cancelled == 1
    assert session.collect(1)[2].error.bridge_code == "cancelled"
    session.close()


def test_deadline_stops_a_call_and_the_worker_keeps_working(stub: Any, metadata: Metadata) -> None:
    started = time.monotonic()
    reply = stub.Call(request(1, "bridge_fixtures.sleep_then", 30, "late", deadline_ms=200), metadata=metadata)
    assert reply.error.bridge_code == "deadline"
    assert time.monotonic() - started < 2
    fast = stub.Call(request(2, "bridge_fixtures.sleep_then", 0.01, "on time", deadline_ms=5000), metadata=metadata)
    assert value_of(fast) == "on time"


def test_async_functions_are_awaited(stub: Any, metadata: Metadata) -> None:
    assert value_of(stub.Call(request(1, "bridge_fixtures.async_double", 21), metadata=metadata)) == 42


def test_describe(stub: Any, metadata: Metadata) -> None:
    reply = stub.Describe(bridge_pb2.DescribeRequest(target="statistics", members=True), metadata=metadata)
    description = json.loads(reply.description_json)
    assert description["kind"] == "module" and any(member["name"] == "mean" for member in description["members"])
    missing = stub.Describe(bridge_pb2.DescribeRequest(target="statistics.nope"), metadata=metadata)
    assert missing.error.bridge_code == "not_found"


def test_health(worker: Worker, stub: Any, metadata: Metadata) -> None:
    health = stub.Health(bridge_pb2.HealthRequest(), metadata=metadata)
    assert health.ready and health.pid == worker.process.pid
    assert health.bridge_version == "0.1.0" and health.python_version
    assert 5_000_000 < health.rss_bytes < 500_000_000
    assert health.in_flight == 0
    assert (
        len(health.instance_id) == 16
        and health.instance_id == stub.Health(bridge_pb2.HealthRequest(), metadata=metadata).instance_id
    )


def test_health_answers_while_a_call_runs(stub: Any, metadata: Metadata) -> None:
    session = SessionClient(stub, metadata)
    session.send(request(1, "bridge_fixtures.busy_loop", 0.5))
    time.sleep(0.1)
    assert stub.Health(bridge_pb2.HealthRequest(), metadata=metadata, timeout=1).in_flight == 1
    session.collect(1)
    session.close()


def test_token_is_required(stub: Any) -> None:
    for metadata in [(), (("x-snakepit-token", "wrong"),)]:
        with pytest.raises(grpc.RpcError) as caught:
            stub.Health(bridge_pb2.HealthRequest(), metadata=metadata)
        assert caught.value.code() == grpc.StatusCode.UNAUTHENTICATED
        with pytest.raises(grpc.RpcError) as caught_stream:
            list(stub.Stream(request(1, "builtins.range", 2), metadata=metadata))
        assert caught_stream.value.code() == grpc.StatusCode.UNAUTHENTICATED


def wait_until(condition: Any, message: str, timeout: float = 3.0) -> None:
    limit = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > limit:
            raise AssertionError(message)
        time.sleep(0.02)


def test_concurrent_sessions(stub: Any, metadata: Metadata) -> None:
    results: list[dict[int, Any]] = []

    def run() -> None:
        session = SessionClient(stub, metadata)
        session.send(*[request(index, "operator.add", index, index) for index in range(20)])
        results.append({call_id: value_of(reply) for call_id, reply in session.collect(20).items()})
        session.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert results == [{index: 2 * index for index in range(20)}] * 4


def test_ndarrays_travel_both_ways(stub: Any, metadata: Metadata) -> None:
    import numpy

    from snakepit_bridge.codec import Codec
    from snakepit_bridge.refs import RefRegistry

    codec = Codec(RefRegistry())
    matrix = numpy.arange(6, dtype=numpy.float32).reshape(2, 3)
    reply = stub.Call(request(1, "numpy.transpose", args=codec.encode([matrix])), metadata=metadata)
    numpy.testing.assert_array_equal(value_of(reply), matrix.T)
    norm = stub.Call(request(2, "numpy.linalg.norm", args=codec.encode([numpy.array([3.0, 4.0])])), metadata=metadata)
    assert value_of(norm) == 5.0
    typo = stub.Call(request(3, "numpy.mena"), metadata=metadata).error
    assert typo.bridge_code == "not_found" and "module numpy has no attribute 'mena'" in typo.message
