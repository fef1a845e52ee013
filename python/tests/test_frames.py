"""When a frame's worker polls after answering it (lone calls, frames the client polls for), and run times."""

from __future__ import annotations

import msgpack
import pytest

from snakepit_bridge.calls import CallJob
from snakepit_bridge.frames import FrameJob
from snakepit_bridge.gen.snakepit.v1 import bridge_pb2
from snakepit_bridge.runtime import CALL_KIND_MAP, Runtime


def _request(call_id: int, kind: int = 0) -> bridge_pb2.CallRequest:
    args = msgpack.packb([[1, 2], [3, 4]] if kind == CALL_KIND_MAP else [1, 2])
    return bridge_pb2.CallRequest(id=call_id, target="operator.add", args=args, kind=kind)


@pytest.mark.parametrize(
    ("kinds", "client_polling", "expected"),
    [
        ([0], False, True),  # a lone call: the next is due within a round trip
        ([CALL_KIND_MAP], False, False),  # a MAP call Node folded a busy frame into: Node needs the CPU
        ([CALL_KIND_MAP], True, True),  # a lone MAP call Node polls for (coalesced calls)
        ([0, 0], False, False),  # a frame of many calls: Node or another worker needs the CPU
        ([0, 0, CALL_KIND_MAP], True, True),  # cheap calls the pool packs onto this worker: Node polls
    ],
)
def test_the_worker_polls_after_a_lone_call_or_a_frame_the_client_polls_for(
    kinds: list[int], client_polling: bool, expected: bool
) -> None:
    runtime = Runtime()
    delivered: list[CallJob] = []
    jobs = [CallJob(_request(index + 1, kind), runtime, None, counted=False) for index, kind in enumerate(kinds)]
    turns = runtime.executor.lane_turns()
    turns.expect_soon = False
    FrameJob(jobs, runtime, delivered.extend, client_polling=client_polling).run()
    assert [job.error for job in delivered] == [None] * len(kinds)
    assert turns.expect_soon is expected


def test_each_call_of_a_frame_records_how_long_it_ran_and_the_server_frame_carries_the_sum() -> None:
    from snakepit_bridge.session import add_server_replies

    runtime = Runtime()
    sleep = bridge_pb2.CallRequest(id=2, target="time.sleep", args=msgpack.packb([0.02]))
    jobs = [CallJob(request, runtime, None, counted=False) for request in (_request(1), sleep, _request(3))]
    FrameJob(jobs, runtime, lambda _jobs: None).run()
    assert jobs[0].run_ns < 5_000_000 and jobs[2].run_ns < 5_000_000
    assert jobs[1].run_ns >= 20_000_000
    frame = bridge_pb2.ServerFrame()
    add_server_replies(frame, jobs)
    add_server_replies(frame, jobs[:1])  # frames merged on the gRPC session add up
    assert frame.run_micros == sum(job.run_ns for job in jobs) // 1000 + jobs[0].run_ns // 1000
    assert [reply.id for reply in frame.replies] == [1, 2, 3, 1]
