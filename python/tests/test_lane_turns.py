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


class _Flag:
    def __init__(self) -> None:
        self.value = False

    def is_set(self) -> bool:
        return self.value


class _ReplyLane(_Lane):
    """'r' is the reply a spinning call waits for; 'j' queues a job (a nested call) instead."""

    def __init__(self, executor: Executor, reply: _Flag) -> None:
        super().__init__(executor)
        self.reply = reply

    def pump(self) -> None:
        data = self.ours.recv(1)
        self.readers.append((data, threading.current_thread().name))
        if data == b"r":
            self.reply.value = True
        elif data == b"j":
            self.executor.submit(_Note(threading.Event()))


class _Spin:
    """A job that spins like a call waiting for a callback reply (callbacks.py), then records how it ended."""

    def __init__(self, executor: Executor, reply: _Flag, seconds: float) -> None:
        self._executor, self._reply, self._seconds = executor, reply, seconds
        self.started = threading.Event()
        self.ended = threading.Event()
        self.reply_seen = False

    def run(self) -> None:
        self.started.set()
        self._executor.lane_turns().spin(self._reply, self._seconds)
        self.reply_seen = self._reply.is_set()
        self.ended.set()


def _spinning(executor: Executor, seconds: float) -> tuple[_ReplyLane, _Spin]:
    """A lane, and a job on the executor spinning for its reply (started when this returns)."""
    reply = _Flag()
    lane = _ReplyLane(executor, reply)
    executor.lane_turns().add(lane)
    spin = _Spin(executor, reply, seconds)
    executor.submit(spin)
    spin.started.wait(5)
    return lane, spin


def test_a_call_waiting_for_a_reply_reads_it_itself_while_spinning(executor: Executor) -> None:
    lane, spin = _spinning(executor, 30.0)
    threading.Timer(0.05, lambda: lane.theirs.sendall(b"r")).start()
    assert spin.ended.wait(10), "the spin did not end when its reply arrived"
    assert spin.reply_seen
    assert lane.readers == [(b"r", "executor")]


def test_a_spin_ends_after_its_time_without_a_reply(executor: Executor) -> None:
    _lane, spin = _spinning(executor, 0.01)
    assert spin.ended.wait(10)
    assert not spin.reply_seen


def test_a_spin_ends_when_a_nested_call_is_queued(executor: Executor) -> None:
    """A callback that calls this worker again: its call must run (run_until), not wait for the spin to end."""
    lane, spin = _spinning(executor, 30.0)
    lane.theirs.sendall(b"j")
    assert spin.ended.wait(10), "the spin went on although a job was queued"
    assert not spin.reply_seen


class _ExpectNext:
    """Ends like a frame of one call does (frames.py): the executor's next idle wait polls first."""

    def __init__(self, executor: Executor, then: Callable[[], None] = lambda: None) -> None:
        self._executor, self._then = executor, then

    def run(self) -> None:
        self._executor.lane_turns().expect_soon = True
        self._then()


def test_after_a_lone_call_the_idle_executor_spins_only_while_the_next_call_comes_in_time(
    executor: Executor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from snakepit_bridge import lane_turns

    monkeypatch.setattr(lane_turns, "_spin_seconds", 0.5)
    turns = executor.lane_turns()
    lane = _Lane(executor)
    turns.add(lane)
    executor.submit(_ExpectNext(executor))  # no next call: the spin runs out
    _wait_for(lambda: not turns._idle_spin_pays, "the spin to run out and stop spinning")
    # The next call comes at once: a spin would have caught it, so spinning resumes. (Again if the
    # machine stalled the waiting thread past the spin time: "at once" is a matter of timing.)
    for sent in range(1, 20):
        executor.submit(_ExpectNext(executor, lambda: lane.theirs.sendall(b"n")))
        _wait_for(lambda: len(lane.readers) == sent, "the next call to be read")  # noqa: B023
        if turns._idle_spin_pays:
            break
    assert turns._idle_spin_pays, "spinning did not resume"
    assert {reader for _data, reader in lane.readers} == {"executor"}
    # And a spin that catches its call reads it on the executor, as a sleeping wait does. (Again if
    # the machine stalled the executor inside the job for the helper's grace time: the helper then
    # rightly reads the lanes itself, see _help.)
    for _attempt in range(20):
        read_before = len(lane.readers)
        executor.submit(_ExpectNext(executor, lambda: lane.theirs.sendall(b"m")))
        _wait_for(lambda: len(lane.readers) > read_before, "the call caught while spinning")  # noqa: B023
        if lane.readers[-1] == (b"m", "executor"):
            break
    assert lane.readers[-1] == (b"m", "executor")
