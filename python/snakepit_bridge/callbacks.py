"""TypeScript functions called from Python: callback handles (ext 9) and exposed tools.

A TypeScript function in the arguments of a Session call arrives as ext 9
``[handle, name, arity]`` and is decoded into a ``CallbackProxy`` bound to the session
it came on (its ``CallbackLink``). Calling the proxy sends a ``CallbackInvocation`` in a
ServerFrame and waits for the ``CallbackReply`` in a ClientFrame.

Why waiting does not deadlock: a proxy called on the executor thread (where user code
runs) does not just block; it keeps running the executor's queue until its reply
arrives (``Executor.run_until``). So a TypeScript callback that calls this worker again
gets its call run, nested, on the same thread, and the outer call's deadline and
cancellation still interrupt the wait (then TypeScript is told to abort the callback).

Lifetime: a proxy lives as long as Python references it; when the last reference goes,
TypeScript is told to forget the function (``callback_release``). A proxy that outlives
its call inside an object TypeScript holds as a ref (``Holder(fn)``,
``model.register_hook(fn)``) dies when that ref is released, even if some other Python
structure still points to it: calling it then raises ``CallbackReleasedError``.

    total = fn(1, 2)            # fn is a CallbackProxy: runs the TypeScript function
"""

from __future__ import annotations

import itertools
import threading
import time
import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from .callback_wire import invocation_frame
from .errors import BridgeError, DecodeError
from .gen.snakepit.v1 import bridge_pb2  # at module level: a local import costs ≈ 1 µs per callback
from .lane_turns import spin_seconds

if TYPE_CHECKING:
    from .calls import CallJob
    from .runtime import Runtime

CALLBACK_EXT = 9
_TS_STACK_HEADER = "TypeScript stack:"


class CallbackError(Exception):
    """A TypeScript callback (or tool) threw; carries the TypeScript error's name, message and stack.

    ``str()`` is ``"Name: message"`` followed by the TypeScript stack, so an uncaught
    CallbackError reaches TypeScript again with both sides visible.
    """

    def __init__(self, name: str, message: str, stack: str = "", code: str = "") -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message
        self.stack = stack
        self.code = code

    def __str__(self) -> str:
        head = f"{self.name}: {self.message}"
        return f"{head}\n{_TS_STACK_HEADER}\n{self.stack}" if self.stack else head


class CallbackReleasedError(CallbackError):
    """The callback can no longer be called: its session ended or the object that held it was released."""

    def __init__(self, message: str) -> None:
        super().__init__("CallbackReleasedError", message, code="released")

    def __str__(self) -> str:
        return self.message


class _Context(threading.local):
    def __init__(self) -> None:
        self.stack: list[CallJob] = []


_context = _Context()


def current() -> tuple[CallbackLink, CallJob] | None:
    """The session link and call running on this thread (innermost), or None."""
    stack = _context.stack
    if not stack:
        return None
    job = stack[-1]
    return job.link, job  # type: ignore[return-value]  # only session calls are pushed


def enter_call(job: CallJob) -> None:
    """Makes ``job`` (a session call: ``job.link`` is set) the running call of this thread.

    Proxies decoded from its arguments and tools it calls find their session here. The
    job itself is the scope (no object per call): a trivial call spent a third of its
    worker time in a context-manager scope before.
    """
    _context.stack.append(job)
    job.ref_mark = job.link.runtime.refs.issued()  # type: ignore[union-attr]


def leave_call(job: CallJob) -> None:
    """Ends ``enter_call``: hands the proxies made during the call to the refs it created (their owners)."""
    stack = _context.stack
    if stack and stack[-1] is job:  # an interrupt may land before enter_call pushed it
        stack.pop()
    proxies = job.proxies
    if proxies:
        job.proxies = None
        link: CallbackLink = job.link  # type: ignore[assignment]
        owners = link.runtime.refs.issued_since(job.ref_mark)
        if job.request.ref_id:
            owners.append(job.request.ref_id)
        link.attach(proxies, owners)


class CallbackProxy:
    """A Python callable that runs a TypeScript function; see the module docstring."""

    __slots__ = ("handle", "name", "arity", "_link", "owners", "dead_reason", "__weakref__")

    def __init__(self, handle: int, name: str, arity: int, link: CallbackLink) -> None:
        self.handle = handle
        self.name = name or "anonymous"
        self.arity = arity
        self._link = link
        self.owners: set[str] = set()
        self.dead_reason = ""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.dead_reason:
            raise CallbackReleasedError(self.dead_reason)
        return self._link.invoke(args, kwargs, handle=self.handle, label=f"callback {self.name}")

    def __repr__(self) -> str:
        return f"<TypeScript function {self.name} (handle {self.handle})>"

    def __del__(self) -> None:
        link = getattr(self, "_link", None)
        if link is not None and not self.dead_reason:
            link.report_release(self.handle)


class _Waiter:
    """Where a reply lands. A flag for the executor thread, which looks at it between jobs
    (``run_until``); an Event only for a thread of user code, which blocks on it: making an
    Event costs ≈ 5 µs, a tenth of a callback's Python side."""

    __slots__ = ("_set", "_event", "answered", "value", "error")

    def __init__(self, blocking: bool) -> None:
        self._set = False
        self._event = threading.Event() if blocking else None
        self.answered = False
        self.value = b""
        self.error: bridge_pb2.CallbackError | None = None

    def is_set(self) -> bool:
        return self._set

    def set(self) -> None:
        self._set = True
        if self._event is not None:
            self._event.set()

    def wait(self, timeout: float | None) -> bool:
        assert self._event is not None, "only a blocking waiter is waited on"
        return self._event.wait(timeout)


class _Wake:
    """Queued after a reply arrives so that an executor waiting in ``run_until`` looks again."""

    def run(self) -> None:
        pass


_WAKE = _Wake()


class CallbackLink:
    """The callback side of one session: invocations out, replies in, handle releases out."""

    def __init__(self, runtime: Runtime, send: Callable[[bridge_pb2.ServerFrame | bytes], None]) -> None:
        """``send`` takes a ServerFrame, or one already serialized (an invocation: callback_wire.py)."""
        self.runtime = runtime
        self._send = send
        self._ids = itertools.count(1)
        self._pending: dict[int, _Waiter] = {}
        self._proxies: weakref.WeakValueDictionary[int, CallbackProxy] = weakref.WeakValueDictionary()
        self._owned: dict[str, list[weakref.ref[CallbackProxy]]] = {}
        self._released: list[int] = []
        self._lock = threading.Lock()
        self._closed = ""
        runtime.refs.add_drop_listener(self.owners_dropped)

    # ---- decoding: ext 9 → proxy ------------------------------------------------------

    def proxy(self, handle: int, name: str, arity: int) -> CallbackProxy:
        """The proxy of ``handle``: the same object while it lives, so one function stays one proxy."""
        with self._lock:
            existing = self._proxies.get(handle)
            if existing is not None:
                return existing
            created = CallbackProxy(handle, name, arity, self)
            self._proxies[handle] = created
            return created

    # ---- invoking ----------------------------------------------------------------------

    def invoke(
        self, args: Iterable[Any], kwargs: dict[str, Any], handle: int = 0, tool: str = "", label: str = ""
    ) -> Any:
        """Runs the TypeScript function and returns its result; raises CallbackError when it threw."""
        if self._closed:
            raise CallbackReleasedError(f"{label} cannot be called: {self._closed}")
        codec = self.runtime.codec
        running = current()
        job = running[1] if running is not None and running[0] is self else None
        deadline = job.deadline if job is not None else 0.0
        deadline_ms = max(1, int((deadline - time.monotonic()) * 1000)) if deadline else 0
        invocation_id = next(self._ids)
        on_executor = self.runtime.executor.on_executor_thread()
        waiter = _Waiter(blocking=not on_executor)
        with self._lock:
            self._pending[invocation_id] = waiter
        self._send(
            invocation_frame(
                invocation_id,
                handle,
                tool,
                codec.encode_arguments(tuple(args)) if args else b"",
                codec.encode(kwargs) if kwargs else b"",
                deadline_ms,
                job.id if job is not None else 0,
            )
        )
        try:
            self._wait(waiter, deadline, on_executor)
        except BaseException:
            # Interrupted (cancel, deadline, shutdown): TypeScript need not finish the function.
            with self._lock:
                self._pending.pop(invocation_id, None)
            if not self._closed:
                self._send(bridge_pb2.ServerFrame(callback_cancel=[invocation_id]))
            raise
        if not waiter.answered:
            raise CallbackReleasedError(f"{label} got no answer: {self._closed or 'the session ended'}")
        error = waiter.error
        if error is not None:
            if error.code == "released":
                raise CallbackReleasedError(error.message)
            raise CallbackError(error.name or "Error", error.message, error.stack, error.code)
        return codec.decode(waiter.value) if waiter.value else None

    def _wait(self, waiter: _Waiter, deadline: float, on_executor: bool) -> None:
        executor = self.runtime.executor
        if on_executor:
            executor.lane_turns().spin(waiter, spin_seconds())  # the answer is due within a round trip
            executor.run_until(waiter)
            return
        # A thread of user code (a thread pool of the library): plain waiting; the deadline still bounds it.
        while not waiter.wait(None if not deadline else max(deadline - time.monotonic(), 0.0)):
            if deadline and time.monotonic() >= deadline:
                from .errors import CallInterrupted

                raise CallInterrupted("deadline")

    def resolve(self, replies: Iterable[bridge_pb2.CallbackReply]) -> None:
        """Called by the session reader with the replies of a ClientFrame."""
        for reply in replies:
            self.resolve_value(reply.id, reply.value, reply.error if reply.HasField("error") else None)

    def resolve_value(self, invocation_id: int, value: bytes, error: bridge_pb2.CallbackError | None = None) -> None:
        """One answer: the value a TS function returned (MessagePack), or the error it threw."""
        with self._lock:
            waiter = self._pending.pop(invocation_id, None)
        if waiter is None:
            return  # its wait was interrupted; the answer is late
        waiter.value = value
        waiter.error = error
        waiter.answered = True
        waiter.set()
        executor = self.runtime.executor
        if not (executor.lane_turns().spinning and executor.on_executor_thread()):
            executor.submit(_WAKE)

    # ---- lifetime -----------------------------------------------------------------------

    def attach(self, proxies: list[CallbackProxy], owners: list[str]) -> None:
        """Ties proxies that a call decoded to the refs that call created or ran on."""
        if not owners:
            return
        with self._lock:
            for proxy in proxies:
                proxy.owners.update(owners)
                for owner in owners:
                    self._owned.setdefault(owner, []).append(weakref.ref(proxy))

    def owners_dropped(self, ref_ids: list[str]) -> None:
        """RefRegistry listener: proxies whose every owner is gone die (and TypeScript forgets them)."""
        dead: list[int] = []
        with self._lock:
            for ref_id in ref_ids:
                for reference in self._owned.pop(ref_id, ()):
                    proxy = reference()
                    if proxy is None or proxy.dead_reason:
                        continue
                    proxy.owners.discard(ref_id)
                    if not proxy.owners:
                        proxy.dead_reason = (
                            f"the TypeScript callback {proxy.name} (handle {proxy.handle}) was released together "
                            f"with the Python object that held it (ref {ref_id}); keep that object (do not release "
                            "or dispose it) for as long as Python may call the function"
                        )
                        dead.append(proxy.handle)
        for handle in dead:
            self.report_release(handle)

    def report_release(self, handle: int) -> None:
        """Queues a handle release; it leaves with the next flush on the executor (safe from ``__del__``)."""
        if self._closed:
            return
        self._released.append(handle)
        self.runtime.executor.submit(_FlushReleases(self))

    def flush_releases(self) -> None:
        released, self._released = self._released, []
        if released and not self._closed:
            self._send(bridge_pb2.ServerFrame(callback_release=released))

    def close(self, reason: str = "the session to TypeScript ended") -> None:
        """The session is over: waiting callbacks fail, later calls raise CallbackReleasedError."""
        if self._closed:
            return
        self._closed = reason
        self.runtime.refs.remove_drop_listener(self.owners_dropped)
        with self._lock:
            waiting = list(self._pending.values())
            self._pending.clear()
            proxies = list(self._proxies.values())
        for proxy in proxies:
            proxy.dead_reason = (
                f"the TypeScript callback {proxy.name} (handle {proxy.handle}) cannot be called: {reason}"
            )
        for waiter in waiting:
            waiter.set()
        self.runtime.executor.submit(_WAKE)


class _FlushReleases:
    __slots__ = ("_link",)

    def __init__(self, link: CallbackLink) -> None:
        self._link = link

    def run(self) -> None:
        self._link.flush_releases()


def decode_handle(items: list[Any]) -> CallbackProxy:
    """ext 9 payload ``[handle, name, arity]`` → the proxy bound to the running call's session."""
    if len(items) < 1 or not isinstance(items[0], int) or items[0] <= 0:
        raise DecodeError("ext 9 (callback) must be an array [handle, name, arity] with a positive integer handle")
    stack = _context.stack
    if not stack:
        raise BridgeError(
            "a TypeScript function arrived outside a session call: callbacks work in call() and on remote "
            "objects, not in batch(), stream() or the unary Call RPC; pass the function in a call() instead",
            code="decode",
        )
    job = stack[-1]
    name = items[1] if len(items) > 1 and isinstance(items[1], str) else ""
    arity = items[2] if len(items) > 2 and isinstance(items[2], int) else -1
    proxy = job.link.proxy(items[0], name, arity)  # type: ignore[union-attr]
    if job.proxies is None:
        job.proxies = [proxy]
    else:
        job.proxies.append(proxy)
    return proxy
