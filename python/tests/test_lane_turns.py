"""Who reads the fast lane (lane_turns.py): the idle executor itself, the helper while a job runs long."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator

import pytest

from snakepit_bridge.executor import Executor


class _Lane:
    """A connection that records which thread read each byte and runs a job per byte."""

    def __init__(self, executor: Executor) -> None:
        self.ours, self.theirs = socket.socketpair()
        self.executor = executor
        self.readers: list[tuple[bytes, str]] = []
        self.release_job = threading.Event()

    def fileno(self) -> int:
        return self.ours.fileno()

    def pump(self) -> None:
        data = self.ours.recv(1)
        self.readers.append((data, threading.current_thread().name))
        if data == b"L":  # a long job: runs until the test lets it go
            self.executor.submit(_Blocking(self.release_job))


class _Blocking:
    def __init__(self, release: threading.Event) -> None:
        self._release = release

    def run(self) -> None:
        self._release.wait(30)


class _Note:
    def __init__(self, done: threading.Event) -> None:
        self._done = done

    def run(self) -> None:
        self._done.set()


@pytest.fixture
def executor() -> Iterator[Executor]:
    executor = Executor()
    thread = threading.Thread(target=executor.run_forever, name="executor", daemon=True)
    thread.start()
    executor.started.wait(5)
    yield executor
    executor.stop()
    thread.join(5)


def _wait_for(condition: Callable[[], bool], what: str) -> None:
    waited = threading.Event()
    for _ in range(3000):
        if condition():
            return
        waited.wait(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def test_an_idle_executor_reads_the_lane_on_its_own_thread(executor: Executor) -> None:
    lane = _Lane(executor)
    executor.lane_turns().add(lane)
    lane.theirs.sendall(b"a")
    _wait_for(lambda: len(lane.readers) == 1, "the first byte to be read")
    assert lane.readers == [(b"a", "executor")]


def test_while_a_job_runs_long_the_helper_reads_and_then_gives_the_turn_back(executor: Executor) -> None:
    lane = _Lane(executor)
    executor.lane_turns().add(lane)
    lane.theirs.sendall(b"L")  # the executor reads it and starts the long job
    _wait_for(lambda: len(lane.readers) == 1, "the long job to start")
    lane.theirs.sendall(b"b")  # must be read although the executor is busy
    _wait_for(lambda: len(lane.readers) == 2, "the byte sent during the long job")
    assert lane.readers[1] == (b"b", "snakepit-lane-helper")
    lane.release_job.set()
    # Once the executor waits again it reads by itself: the helper leaves within its poll interval.
    ran = threading.Event()
    executor.submit(_Note(ran))
    ran.wait(5)
    _wait_for(lambda: not executor.lane_turns()._helper_serving and executor._queue.idle, "the helper to leave")
    lane.theirs.sendall(b"c")
    _wait_for(lambda: len(lane.readers) == 3, "the byte sent after the long job")
    assert lane.readers[2] == (b"c", "executor")
