"""Runs user code one job at a time on the main thread, and can interrupt it.

Why the main thread: Python delivers signal handlers there, and a handler that raises
stops even a blocking ``time.sleep`` or socket read (PEP 475 retries a syscall only when
the handler returns). So cancelling is ``pthread_kill(main, SIGUSR1)`` and deadlines are
``setitimer`` (SIGALRM), with no watcher thread and no per-call thread start. The gRPC
threads only decode, enqueue and send; user code never runs concurrently with itself,
which is what most Python libraries expect.

Call ``block_interrupt_signals()`` before any thread starts so that only the main thread
receives SIGUSR1/SIGALRM. Off the main thread (tests, embedding) the executor falls
back to ``PyThreadState_SetAsyncExc``, which cannot stop C-level waits.
"""

from __future__ import annotations

import ctypes
import signal
import threading
import time
from typing import Any, Protocol

from .errors import CallInterrupted
from .lane_turns import LaneTurns
from .wake_queue import WakeQueue

_INTERRUPT_SIGNAL = signal.SIGUSR1
_DEADLINE_SIGNAL = signal.SIGALRM


class Interruptible(Protocol):
    """What the executor needs to know about the running job to stop it."""

    deadline: float  # time.monotonic() seconds; 0 = none
    interrupt_code: str  # "" while not interrupted; "cancelled" or "deadline"
    interrupt_delivered: bool


class _Done(Protocol):
    def is_set(self) -> bool: ...


class Job(Protocol):
    def run(self) -> None: ...


class _Stop:
    def run(self) -> None:
        raise AssertionError("the stop marker is never run")


_STOP = _Stop()


class _Look:
    """Queued so that ``run_until`` looks at its waiting call again (interrupted by the executor's own read)."""

    def run(self) -> None:
        pass


_LOOK = _Look()


# Signals only the main thread should receive: the interrupts, and SIGTERM/SIGINT so that a
# main thread idle in a queue wait wakes up to run the shutdown handler.
_MAIN_THREAD_SIGNALS = {_INTERRUPT_SIGNAL, _DEADLINE_SIGNAL, signal.SIGTERM, signal.SIGINT}


def block_interrupt_signals() -> None:
    """Blocks the main-thread signals in this thread and so in every thread started from now on.

    ``Executor.run_forever`` unblocks them again on the main thread only.
    """
    signal.pthread_sigmask(signal.SIG_BLOCK, _MAIN_THREAD_SIGNALS)


class Executor:
    """A FIFO of jobs run by ``run_forever`` on one thread (the main thread in a worker)."""

    def __init__(self) -> None:
        self._queue: WakeQueue[Job] = WakeQueue()
        self._current: Interruptible | None = None
        self._thread_id: int | None = None
        self._uses_signals = False
        self._alarm_armed = False
        # Made now, not on first use: connections are greeted on threads of their own (framed.py).
        self._lane_turns = LaneTurns(self._queue, self)  # type: ignore[arg-type]
        self.started = threading.Event()

    @property
    def uses_signals(self) -> bool:
        """Whether interrupts arrive as signals (the executor runs on the main thread)."""
        return self._uses_signals

    @property
    def has_current(self) -> bool:
        """Whether a job is current (running, or waiting in ``run_until``): an interrupt could stop it."""
        return self._current is not None

    def lane_turns(self) -> LaneTurns:
        """The fast-lane connections this executor reads while idle (lane_turns.py)."""
        return self._lane_turns

    def submit(self, job: Job) -> None:
        """Queues a job; jobs run in submission order."""
        self._queue.put(job)

    def stop(self) -> None:
        """Makes ``run_forever`` return after the jobs already queued."""
        self._queue.put(_STOP)

    def run_forever(self) -> None:
        """Runs jobs until ``stop``; installs the interrupt handlers when on the main thread."""
        self._thread_id = threading.get_ident()
        self._uses_signals = threading.current_thread() is threading.main_thread()
        if self._uses_signals:
            signal.signal(_INTERRUPT_SIGNAL, self._on_interrupt_signal)
            signal.signal(_DEADLINE_SIGNAL, self._on_interrupt_signal)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, _MAIN_THREAD_SIGNALS)
        self.started.set()
        take = self._queue.get
        while True:
            try:
                job = take()
                if job is _STOP:
                    return
                job.run()
            except CallInterrupted:
                pass  # an interrupt that landed just after its call ended; nothing to stop any more

    def on_executor_thread(self) -> bool:
        """Whether the caller is the thread that runs jobs (``run_until`` may be used)."""
        return self._thread_id == threading.get_ident()

    def run_until(self, done: _Done) -> None:
        """Runs queued jobs on the executor thread, nested, until ``done`` is set.

        A call waiting for a TypeScript callback waits here (callbacks.py): calls that the
        callback makes into this worker are queued behind it and must run meanwhile, or
        both sides wait forever. The waiting call stays the one an interrupt or its deadline
        stops; a nested job is interruptible on its own, and the waiting call's deadline
        and cancellation are checked again after each one. Whoever sets ``done`` queues a
        job (any, even a no-op) so that this loop looks again.
        """
        outer = self._current
        take = self._queue.get
        while not done.is_set():
            job = take()
            if job is _STOP:
                self._queue.put(_STOP)  # for run_forever, once the waiting call has given up
                raise CallInterrupted("cancelled")
            try:
                job.run()
            except CallInterrupted:
                pass  # a late interrupt of the nested job, as in run_forever
            finally:
                self._resume(outer)
            if outer is not None and outer.interrupt_code and not outer.interrupt_delivered:
                outer.interrupt_delivered = True
                raise CallInterrupted(outer.interrupt_code)

    def _resume(self, job: Interruptible | None) -> None:
        """Makes ``job`` current again after a nested job, with its own deadline re-armed."""
        self._current = job
        if job is not None and job.deadline and self._uses_signals:
            signal.setitimer(signal.ITIMER_REAL, max(job.deadline - time.monotonic(), 0.0001))
            self._alarm_armed = True

    # ---- interruption: used by jobs (begin/end) and by cancel paths (interrupt) -----------

    def begin(self, job: Interruptible) -> None:
        """Marks ``job`` as running user code now; arms its deadline."""
        self._current = job
        if job.deadline:
            if self._uses_signals:
                signal.setitimer(signal.ITIMER_REAL, max(job.deadline - time.monotonic(), 0.0001))
                self._alarm_armed = True
        elif self._alarm_armed:
            self._disarm()

    def end(self) -> None:
        """Marks that no user code runs any more; later interrupts are ignored."""
        self._current = None
        if self._alarm_armed:
            self._disarm()

    def interrupt(self, job: Interruptible, code: str) -> bool:
        """Stops ``job`` if it is the one running; returns whether it was running."""
        if self._current is not job or self._thread_id is None:
            return False
        job.interrupt_code = code
        if self._lane_turns.executor_reading and threading.get_ident() == self._thread_id:
            # The executor read the cancel itself, idle in run_until under this job: no signal to itself
            # (it could land half-way through the frame); run_until checks the job after the next item.
            self._queue.put(_LOOK)
        elif self._uses_signals:
            signal.pthread_kill(self._thread_id, _INTERRUPT_SIGNAL)
        else:
            exception = ctypes.py_object(CallInterrupted)
            ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread_id), exception)
        return True

    def _disarm(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)
        self._alarm_armed = False

    def _on_interrupt_signal(self, signal_number: int, _frame: Any) -> None:
        job = self._current
        if job is None or job.interrupt_delivered:
            return
        if signal_number == _DEADLINE_SIGNAL:
            if not job.deadline or time.monotonic() < job.deadline:
                return
            job.interrupt_code = job.interrupt_code or "deadline"
        if not job.interrupt_code:
            return
        job.interrupt_delivered = True
        raise CallInterrupted(job.interrupt_code)
