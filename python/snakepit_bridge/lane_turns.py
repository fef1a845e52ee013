"""Who reads the fast-lane sockets: the idle executor itself, a helper thread while it is busy.

On this kind of VM waking a sleeping thread costs tens of µs. A socket reader thread
that hands each message to the executor thread pays that wake-up once more per message
than a single-threaded server: on every lone call and on every callback reply a waiting
call gets. So the executor, when it has nothing to run, waits on its wake pipe *and* on
the fast-lane connections, reads what arrives and runs it on the spot.

While it runs user code somebody else must still read, or a cancel, a callback reply
for a thread of user code or the calls for the queue would wait for the call to end.
A helper thread looks every ``GRACE_SECONDS``; when the executor has been on the same
job that long, the helper takes the turn and reads the connections until the executor
waits again. Exactly one thread reads at a time (the ``turn`` lock: the executor only
tries it, the helper holds it while it serves), so frames are neither lost nor
reordered. The helper sleeps for good while the executor stays idle, and is woken by
the executor's next job (``WakeQueue.sleeper``) — no wake-up per message in either case.

Spinning: when the next message is due within a round trip, the executor polls without
a timeout for up to ``SNAKEPIT_SPIN_US`` (default 300 µs) before it sleeps, so that Node's
write finds it awake: right after answering a frame of one call (``expect_soon``, set by
frames.py; only while that pays, see ``_next_soon``) and while a call waits for a
TypeScript callback's answer (``spin``). Frames of many calls do not spin: Node is busy
then, and a spinning worker would take the CPU it needs. Measured on the bench machine:
a lone call's p50 ≈ 165 → 65–105 µs, a callback round trip ≈ 250 → 60–70 µs.

    turns = LaneTurns(executor)          # one per executor (Executor.lane_turns)
    turns.add(connection)                # a _FrameConnection after its token was checked
"""

from __future__ import annotations

import _signal  # pthread_sigmask without signal.py's wrapper, which turns its result into Signals enums (≈ 4 µs)
import logging
import os
import select
import signal
import threading
import time
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .wake_queue import WakeQueue


class _Done(Protocol):
    def is_set(self) -> bool: ...


class _SignalUser(Protocol):
    @property
    def uses_signals(self) -> bool: ...

    @property
    def has_current(self) -> bool: ...


_log = logging.getLogger(__name__)

SPIN_ENVIRONMENT_VARIABLE = "SNAKEPIT_SPIN_US"
_DEFAULT_SPIN_US = 300
_spin_seconds: float | None = None


def spin_seconds() -> float:
    """How long the executor polls without sleeping when the next message is due within a round trip.

    ``SNAKEPIT_SPIN_US`` in the worker's environment (Node sets it from
    ``execution.spinMicros``), in microseconds; 0 turns spinning off. Read once: it is
    on the path of every lone call and every callback.
    """
    global _spin_seconds
    if _spin_seconds is None:
        text = os.environ.get(SPIN_ENVIRONMENT_VARIABLE, "")
        try:
            micros = int(text) if text.strip() else _DEFAULT_SPIN_US
        except ValueError:
            _log.warning(
                "%s=%r is not a whole number of microseconds; using %d",
                SPIN_ENVIRONMENT_VARIABLE,
                text,
                _DEFAULT_SPIN_US,
            )
            micros = _DEFAULT_SPIN_US
        _spin_seconds = max(micros, 0) / 1e6
    return _spin_seconds


GRACE_SECONDS = 0.002  # a job running this long (up to twice this) gets the helper reading beside it
_PARK_AFTER_QUIET_LOOKS = 50  # an executor idle this many looks in a row: the helper sleeps until its next job
_SERVE_POLL_MS = 20  # how often a serving helper checks whether the executor waits again
_INTERRUPT_SIGNALS = {signal.SIGUSR1, signal.SIGALRM}
_READABLE = select.POLLIN | select.POLLPRI | select.POLLHUP | select.POLLERR


class LaneConnection(Protocol):
    def fileno(self) -> int: ...

    def pump(self) -> None:
        """Reads once (the socket is readable) and dispatches every complete message; ends itself at EOF."""
        ...


class LaneTurns:
    """The fast-lane connections of one executor and the turn to read them."""

    def __init__(self, queue: WakeQueue[object], executor: _SignalUser) -> None:
        self._queue = queue
        self._executor = executor
        self._connections: dict[int, LaneConnection] = {}
        self._lock = threading.Lock()
        self._turn = threading.Lock()
        self._helper_serving = False
        self.executor_reads = 0  # times the executor read the lanes itself: the helper need not while it does
        # Set when the executor has just answered a frame of one call (frames.py): its idle wait polls first.
        self.expect_soon = False
        self._idle_spin_pays = True
        self.spinning = False  # the executor polls the lanes in spin(): what it reads there, it sees at once
        self.executor_reading = False  # the executor is reading in its idle wait (Executor.interrupt)
        self._helper: threading.Thread | None = None
        self._version = 0
        self._poll_version = -1
        self._poll = select.poll()
        self._wake_fd = -1
        self._lanes = select.poll()
        self._lanes_poll_version = -1
        queue.idle_reader = self

    def add(self, connection: LaneConnection) -> None:
        """Starts reading ``connection``; a waiting executor is woken to include it."""
        with self._lock:
            self._connections[connection.fileno()] = connection
            self._version += 1
            if self._helper is None:
                self._helper = threading.Thread(target=self._help, name="snakepit-lane-helper", daemon=True)
                self._helper.start()
        self._queue.wake()

    def remove(self, connection: LaneConnection, fd: int) -> None:
        """Stops reading ``connection`` (called by the reader at its end, before the socket closes)."""
        with self._lock:
            if self._connections.get(fd) is connection:
                del self._connections[fd]
                self._version += 1

    # ---- the executor's idle wait ---------------------------------------------------

    def wait(self, wake_fd: int) -> None:
        """Runs in ``WakeQueue.get`` on the executor thread: returns after the pipe or a lane had something."""
        if self._helper_serving or not self._connections:
            os.read(wake_fd, 64)  # the helper wakes us through the pipe when it gives the turn back
            return
        poll = self._current_poll(wake_fd)
        ready = self._next_soon(poll) if self.expect_soon else poll.poll()
        lanes = []
        for fd, _events in ready:
            if fd == wake_fd:
                os.read(wake_fd, 64)
            else:
                lanes.append(fd)
        if not lanes or not self._turn.acquire(False):
            return  # the helper holds the turn: it reads them
        self._queue.busy()  # what we queue now is taken right after; no wake byte
        try:
            self._read_as_executor(lanes)
        finally:
            self._turn.release()

    def _read_as_executor(self, fds: list[int]) -> None:
        """Reads ``fds`` on the executor thread (its idle wait, or a spin), holding the turn."""
        self.executor_reads += 1
        # Only a call waiting in run_until (or spinning for a callback's answer) can be interrupted
        # now; an idle run_forever has nothing to stop.
        masked = self._executor.uses_signals and self._executor.has_current
        if masked:
            # A cancel or deadline of that call must not land half-way through a frame: held back
            # here, it is raised when the read is complete (as it was from the pipe read).
            _signal.pthread_sigmask(signal.SIG_BLOCK, _INTERRUPT_SIGNALS)
        self.executor_reading = True
        try:
            self._pump(fds)
        finally:
            self.executor_reading = False
            if masked:
                _signal.pthread_sigmask(signal.SIG_UNBLOCK, _INTERRUPT_SIGNALS)

    def _next_soon(self, poll: select.poll) -> list[tuple[int, int]]:
        """The idle wait right after answering a lone call: Node's next call usually follows within a
        round trip, so poll without sleeping for a while (see spin() for why) — while that pays.

        A spin that ran out without a message stops the spinning until a later wait shows the next
        call arriving within the spin time again: sequential calls of a slow function, or a program
        that calls now and then, cost no CPU for nothing.
        """
        self.expect_soon = False
        seconds = spin_seconds()
        if seconds <= 0:
            return poll.poll()
        if not self._idle_spin_pays:
            started = time.monotonic()
            ready = poll.poll()
            self._idle_spin_pays = time.monotonic() - started < seconds
            return ready
        give_up = time.monotonic() + seconds
        while True:
            ready = poll.poll(0)
            if ready:
                return ready
            if time.monotonic() >= give_up:
                self._idle_spin_pays = False
                return poll.poll()

    def spin(self, done: _Done, seconds: float) -> None:
        """Reads the lanes without sleeping, for up to ``seconds``, while the executor waits for ``done``.

        A call waiting for a TypeScript callback's reply (callbacks.py) expects it within
        about one round trip. Sleeping in poll means TypeScript's write must wake this
        thread, which on this kind of VM costs more than the round trip's own work, on
        both sides. Polling without a timeout keeps the thread awake so the reply is just
        there. Gives up (and the caller sleeps as usual) when the time is up, when the
        executor has something queued (a nested call the callback made) or when another
        reader holds the turn.
        """
        if seconds <= 0 or self._helper_serving or not self._connections or not self._turn.acquire(False):
            return
        self.spinning = True
        self.executor_reads += 1  # the helper need not take the turn beside a call that reads itself
        try:
            poll = self._lanes_poll()
            queue = self._queue
            give_up = time.monotonic() + seconds
            while not done.is_set() and not queue.has_items:
                ready = poll.poll(0)
                if ready:
                    self._read_as_executor([fd for fd, _events in ready])
                elif time.monotonic() >= give_up:
                    return
        finally:
            self.spinning = False
            self._turn.release()

    def _lanes_poll(self) -> select.poll:
        """A poll of the lanes alone (no wake pipe), rebuilt when the connections change.

        Used by whoever holds the turn (a spinning executor, the serving helper): one at a time.
        """
        if self._lanes_poll_version != self._version:
            self._lanes, self._lanes_poll_version = self._new_poll(), self._version
        return self._lanes

    def _current_poll(self, wake_fd: int) -> select.poll:
        """The executor's idle wait: the lanes and its wake pipe."""
        if self._poll_version != self._version or self._wake_fd != wake_fd:
            poll = self._new_poll()
            poll.register(wake_fd, select.POLLIN)
            self._poll, self._poll_version, self._wake_fd = poll, self._version, wake_fd
        return self._poll

    def _new_poll(self) -> select.poll:
        poll = select.poll()
        with self._lock:
            for fd in self._connections:
                poll.register(fd, _READABLE)
        return poll

    def _pump(self, fds: list[int]) -> None:
        connections = self._connections
        for fd in fds:
            connection = connections.get(fd)
            if connection is not None:
                connection.pump()

    # ---- the helper thread ------------------------------------------------------------

    def _help(self) -> None:
        queue = self._queue
        quiet = 0
        while True:
            takes = queue.takes
            reads = self.executor_reads
            time.sleep(GRACE_SECONDS)
            if queue.takes != takes or self.executor_reads != reads:
                # The executor moved on (nothing has run that long), or a long call of it waits for
                # callback replies and reads them itself (spin, or its idle wait in run_until).
                quiet = 0
                continue
            if queue.idle:
                quiet += 1
                if quiet >= _PARK_AFTER_QUIET_LOOKS:
                    self._sleep_until_busy(takes)
                    quiet = 0
                continue
            quiet = 0
            try:
                self._serve(takes)
            except Exception:  # a bug here must not leave the lanes unread
                _log.exception("fast-lane helper failed")

    def _sleep_until_busy(self, takes: int) -> None:
        woken = threading.Event()
        self._queue.sleeper = woken
        if self._queue.takes == takes and self._queue.idle:
            woken.wait()
        self._queue.sleeper = None

    def _serve(self, takes: int) -> None:
        """Reads the lanes while the executor is still on the job it had ``takes`` items ago."""
        queue = self._queue
        with self._turn:
            self._helper_serving = True
            try:
                while queue.takes == takes and not queue.idle:
                    ready = self._lanes_poll().poll(_SERVE_POLL_MS)
                    self._pump([fd for fd, _events in ready])
            finally:
                self._helper_serving = False
        queue.wake()  # an executor waiting on the pipe alone polls the lanes again
