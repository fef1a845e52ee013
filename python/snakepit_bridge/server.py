"""The gRPC service: every RPC of proto/snakepit/v1/bridge.proto on a sync grpcio server.

gRPC threads decode, enqueue and send; user code runs on the executor (the main
thread, see executor.py). Measured against grpc.aio this keeps a trivial call at one
queue hop each way and lets cancellation interrupt running code with a signal.

    server = BridgeServer(Runtime(), token=None)
    address = server.start("unix:/tmp/snakepit/w1.sock")
    server.runtime.executor.run_forever()      # on the main thread
"""

from __future__ import annotations

import json
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent import futures
from typing import Any

import grpc

from . import __version__, health
from .auth import TokenInterceptor
from .calls import CallJob
from .errors import python_error
from .frames import FrameJob
from .gen.snakepit.v1 import bridge_pb2, bridge_pb2_grpc
from .introspect import describe
from .jobs import FunctionJob
from .runtime import Runtime
from .session import SessionChannel, add_replies
from .streams import GeneratorStream

_log = logging.getLogger(__name__)

# Each open Session and Stream holds one handler thread for its lifetime.
_HANDLER_THREADS = 64


def _grpc_deadline(context: grpc.ServicerContext) -> float:
    """The RPC's own gRPC deadline as a monotonic time, 0 when it has none."""
    remaining = context.time_remaining()
    return time.monotonic() + remaining if remaining is not None and remaining < 10**8 else 0.0


class BridgeServicer(bridge_pb2_grpc.BridgeServicer):
    """Implements the Bridge service on a Runtime."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self._sessions: set[SessionChannel] = set()
        self._unary_jobs: dict[int, list[CallJob]] = {}
        self._lock = threading.Lock()

    def Call(self, request: bridge_pb2.CallRequest, context: grpc.ServicerContext) -> bridge_pb2.CallReply:
        replies: queue.SimpleQueue[CallJob] = queue.SimpleQueue()
        job = CallJob(request, self.runtime, replies.put, _grpc_deadline(context))
        self._track((job,))
        context.add_callback(job.cancel)
        try:
            job.submit()
            return replies.get().reply()
        finally:
            self._untrack((job,))

    def Batch(self, request: bridge_pb2.BatchRequest, context: grpc.ServicerContext) -> bridge_pb2.BatchReply:
        finished: queue.SimpleQueue[Sequence[CallJob]] = queue.SimpleQueue()
        deadline = _grpc_deadline(context)
        runtime = self.runtime
        jobs = [CallJob(call, runtime, None, deadline, counted=False) for call in request.calls]
        if not jobs:
            return bridge_pb2.BatchReply()
        self._track(jobs)
        context.add_callback(lambda: [job.cancel() for job in jobs])
        try:
            FrameJob(jobs, runtime, finished.put, request.stop_on_error).submit()
            finished.get()
        finally:
            self._untrack(jobs)
        reply = bridge_pb2.BatchReply()
        add_replies(reply, jobs)
        return reply

    def Session(
        self, request_iterator: Iterable[bridge_pb2.ClientFrame], context: grpc.ServicerContext
    ) -> Iterator[bridge_pb2.ServerFrame]:
        channel = self.open_channel(_grpc_deadline(context))
        context.add_callback(lambda: self.close_channel(channel))
        channel.start_reading(request_iterator)
        yield from channel.replies()

    def open_channel(self, deadline: float = 0.0, sink: Callable[[Any], None] | None = None) -> SessionChannel:
        """A new session, known to the Cancel RPC; the Session RPC and the fast lane (framed.py) use it."""
        channel = SessionChannel(self.runtime, deadline, sink)
        with self._lock:
            self._sessions.add(channel)
        return channel

    def close_channel(self, channel: SessionChannel) -> None:
        """The client is gone: cancel what is left of the session and forget it."""
        channel.terminate()
        with self._lock:
            self._sessions.discard(channel)

    def Stream(self, request: bridge_pb2.CallRequest, context: grpc.ServicerContext) -> Iterator[bridge_pb2.StreamItem]:
        deadline = _grpc_deadline(context)
        if request.deadline_ms:
            own = time.monotonic() + request.deadline_ms / 1000
            deadline = min(deadline, own) if deadline else own
        stream = GeneratorStream(request, self.runtime, deadline)
        context.add_callback(stream.cancel)
        self.runtime.call_started()
        try:
            for item in stream.items():
                yield bridge_pb2.StreamItem(item=item)
        except BaseException as error:
            if not isinstance(error, GeneratorExit) and context.is_active():
                yield bridge_pb2.StreamItem(error=python_error(error))
        finally:
            self.runtime.call_finished()

    def Release(self, request: bridge_pb2.ReleaseRequest, context: grpc.ServicerContext) -> bridge_pb2.ReleaseReply:
        ref_ids = list(request.ref_ids)
        released = FunctionJob(lambda: self.runtime.release(ref_ids), self.runtime.executor).submit_and_wait()
        return bridge_pb2.ReleaseReply(released=released)

    def Cancel(self, request: bridge_pb2.CancelRequest, context: grpc.ServicerContext) -> bridge_pb2.CancelReply:
        cancelled = 0
        with self._lock:
            sessions = list(self._sessions)
            unary = [job for call_id in request.ids for job in self._unary_jobs.get(call_id, ())]
        for job in unary:
            cancelled += job.cancel()
        for channel in sessions:
            cancelled += channel.cancel(request.ids)
        return bridge_pb2.CancelReply(cancelled=cancelled)

    def Describe(self, request: bridge_pb2.DescribeRequest, context: grpc.ServicerContext) -> bridge_pb2.DescribeReply:
        runtime = self.runtime
        job = FunctionJob(lambda: describe(runtime.dispatcher, request.target, request.members), runtime.executor)
        try:
            description = job.submit_and_wait()
        except BaseException as error:
            return bridge_pb2.DescribeReply(error=python_error(error))
        return bridge_pb2.DescribeReply(description_json=json.dumps(description, ensure_ascii=False))

    def Health(self, request: bridge_pb2.HealthRequest, context: grpc.ServicerContext) -> bridge_pb2.HealthReply:
        runtime = self.runtime
        return bridge_pb2.HealthReply(
            ready=runtime.executor.started.is_set() and not runtime.draining,
            pid=os.getpid(),
            python_version=health.python_version(),
            bridge_version=__version__,
            in_flight=max(runtime.in_flight, 0),
            refs=runtime.refs.count(),
            rss_bytes=health.rss_bytes(),
            instance_id=health.INSTANCE_ID,
        )

    def _track(self, jobs: Sequence[CallJob]) -> None:
        with self._lock:
            for job in jobs:
                self._unary_jobs.setdefault(job.id, []).append(job)

    def _untrack(self, jobs: Sequence[CallJob]) -> None:
        with self._lock:
            for job in jobs:
                tracked = self._unary_jobs.get(job.id)
                if tracked is not None:
                    tracked.remove(job)
                    if not tracked:
                        del self._unary_jobs[job.id]


class BridgeServer:
    """A grpcio server around a BridgeServicer, with the token check and message limits."""

    def __init__(self, runtime: Runtime, token: str | None = None, max_message_bytes: int = 256 * 1024 * 1024) -> None:
        self.runtime = runtime
        self.servicer = BridgeServicer(runtime)
        interceptors = [TokenInterceptor(token)] if token else []
        self._server = grpc.server(
            futures.ThreadPoolExecutor(max_workers=_HANDLER_THREADS, thread_name_prefix="snakepit-grpc"),
            interceptors=interceptors,
            options=[
                ("grpc.max_receive_message_length", max_message_bytes),
                ("grpc.max_send_message_length", max_message_bytes),
                ("grpc.so_reuseport", 0),
            ],
        )
        bridge_pb2_grpc.add_BridgeServicer_to_server(self.servicer, self._server)

    def start(self, address: str, credentials: grpc.ServerCredentials | None = None) -> str:
        """Binds ``address`` ("unix:/path" or "host:port", port 0 picks one) and starts; returns the bound address.

        With ``credentials`` (see tls.py) the port speaks TLS, for clients on other machines.
        """
        if credentials is not None:
            port = self._server.add_secure_port(address, credentials)
        else:
            port = self._server.add_insecure_port(address)
        if port == 0 and not address.startswith("unix:"):
            raise OSError(f"could not listen on {address}: the port is taken or the host is not local")
        self._server.start()
        if address.startswith("unix:"):
            return address
        host = address.rpartition(":")[0]
        return f"{host}:{port}"

    def stop(self, grace_seconds: float | None) -> threading.Event:
        """Stops accepting RPCs; running ones get ``grace_seconds`` to finish."""
        return self._server.stop(grace_seconds)
