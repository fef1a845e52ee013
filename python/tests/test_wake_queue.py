"""The executor's FIFO (wake_queue.py): order, wake-ups from other threads, signals while idle."""

from __future__ import annotations

import signal
import threading
from types import FrameType

import pytest

from snakepit_bridge.wake_queue import WakeQueue


class _Alarm(Exception):
    pass


def test_items_come_out_in_the_order_they_were_put() -> None:
    queue: WakeQueue[int] = WakeQueue()
    for item in range(5):
        queue.put(item)
    assert [queue.get() for _ in range(5)] == [0, 1, 2, 3, 4]


def test_a_put_from_another_thread_wakes_a_waiting_get_every_time() -> None:
    queue: WakeQueue[int] = WakeQueue()
    received: list[int] = []

    def consume() -> None:
        for _ in range(200):
            received.append(queue.get())

    consumer = threading.Thread(target=consume)
    consumer.start()
    for item in range(200):
        queue.put(item)
    consumer.join(timeout=30)
    assert not consumer.is_alive()
    assert received == list(range(200))


def test_a_signal_handler_that_raises_stops_an_idle_get_and_the_queue_still_works() -> None:
    queue: WakeQueue[str] = WakeQueue()

    def on_alarm(_number: int, _frame: FrameType | None) -> None:
        raise _Alarm

    previous = signal.signal(signal.SIGALRM, on_alarm)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.05)
        with pytest.raises(_Alarm):
            queue.get()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    queue.put("after")
    assert queue.get() == "after"
