"""The executor's FIFO: an idle consumer sleeps in a pipe read instead of on a lock.

Why not ``queue.SimpleQueue``: its ``put`` wakes the sleeping executor thread while the
producer (a socket reader thread) still holds the GIL, so the executor wakes only to
block again on the GIL until the reader reaches its next blocking call — two wake-ups
per hand-off, on the path of every lone call and every callback reply. ``os.write``
releases the GIL before the write that wakes the consumer, which then finds the GIL free.

    jobs = WakeQueue()
    jobs.put(job)      # any thread
    jobs.get()         # the executor thread only; blocks while empty

While idle the consumer can also read the fast-lane sockets itself (``idle_reader``,
lane_turns.py): a message then becomes a job on the thread that runs it, no hand-off.
"""

from __future__ import annotations

import os
import weakref
from collections import deque
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")


class IdleReader(Protocol):
    """Waits in the consumer's place: returns once the wake pipe or a socket it reads had something."""

    def wait(self, wake_fd: int) -> None: ...


class Sleeper(Protocol):
    def set(self) -> None: ...


class WakeQueue(Generic[T]):
    """A FIFO with one consumer thread; ``put`` is safe from any thread."""

    def __init__(self) -> None:
        self._items: deque[T] = deque()
        self._idle = False
        self._wake_read = -1
        self._wake_write = -1
        self.takes = 0  # items handed out so far: a watcher sees whether the consumer is still on the same one
        self.idle_reader: IdleReader | None = None
        self.sleeper: Sleeper | None = None  # set (once) when the consumer takes its next item

    @property
    def idle(self) -> bool:
        """Whether the consumer is waiting (and not reading a socket in its wait)."""
        return self._idle

    def wake(self) -> None:
        """Makes a waiting consumer look again (``idle_reader`` changed what it waits for)."""
        if self._idle:
            self._idle = False
            os.write(self._wake_write, b"\0")

    @property
    def has_items(self) -> bool:
        """Whether an item waits to be taken (a spinning consumer stops spinning to take it)."""
        return bool(self._items)

    def busy(self) -> None:
        """Called by ``idle_reader`` before it queues items itself: no wake byte is needed for them."""
        self._idle = False

    def put(self, item: T) -> None:
        self._items.append(item)
        if self._idle:
            self._idle = False  # one byte per idle period: the consumer reads it and looks again
            os.write(self._wake_write, b"\0")

    def get(self) -> T:
        """The oldest item; waits for one (signal handlers still run, as in any blocking call)."""
        items = self._items
        while True:
            if items:
                self.takes += 1
                sleeper = self.sleeper
                if sleeper is not None:
                    self.sleeper = None
                    sleeper.set()
                return items.popleft()
            if self._wake_read < 0:
                self._open_pipe()
            self._idle = True
            try:
                # Checked again once idle is visible: a put in between either is seen here or writes a byte.
                if not items:
                    reader = self.idle_reader
                    if reader is None:
                        os.read(self._wake_read, 64)
                    else:
                        reader.wait(self._wake_read)
            finally:
                self._idle = False

    def _open_pipe(self) -> None:
        # Opened on first wait: executors that never run (most in tests) hold no descriptors.
        self._wake_read, self._wake_write = os.pipe()
        weakref.finalize(self, _close_both, self._wake_read, self._wake_write)


def _close_both(read_end: int, write_end: int) -> None:
    os.close(read_end)
    os.close(write_end)
