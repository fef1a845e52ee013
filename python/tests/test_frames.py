"""When a frame's worker polls after answering it: lone calls, and lone MAP calls the client polls for."""

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
        ([0, 0], True, False),  # a frame of many calls
    ],
)
def test_the_worker_polls_after_a_lone_call_or_a_map_call_the_client_polls_for(
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
