"""Latency and throughput of a trivial call (operator.add) over the Session RPC.

    ../.venv-dev/bin/python benchmarks/grpc_probe.py            # starts its own worker
    ../.venv-dev/bin/python benchmarks/grpc_probe.py --raw      # the raw msgpack-over-unix-socket baseline

Prints p50/p99 of one call at a time, and calls per second with 64 in flight.
Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import msgpack

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from snakepit_bridge.gen.snakepit.v1 import bridge_pb2, bridge_pb2_grpc  # noqa: E402

ROUNDS = 3000
IN_FLIGHT = 64
THROUGHPUT_CALLS = 20000


def start_worker(socket_path: str) -> subprocess.Popen[bytes]:
    worker = subprocess.Popen(
        [sys.executable, "-m", "snakepit_bridge", "serve", "--socket", socket_path],
        cwd=os.path.join(os.path.dirname(__file__), ".."),
        stdout=subprocess.PIPE,
    )
    assert worker.stdout is not None
    print("handshake:", worker.stdout.readline().decode().strip())
    return worker


def probe_grpc(address: str) -> None:
    import grpc

    channel = grpc.insecure_channel(address)
    stub = bridge_pb2_grpc.BridgeStub(channel)
    args = msgpack.packb([1, 2])
    outgoing: queue.SimpleQueue[bridge_pb2.ClientFrame | None] = queue.SimpleQueue()

    def frames():
        while True:
            frame = outgoing.get()
            if frame is None:
                return
            yield frame

    replies = stub.Session(frames())
    # latency: one call at a time
    samples = []
    for index in range(ROUNDS):
        started = time.perf_counter()
        outgoing.put(bridge_pb2.ClientFrame(calls=[bridge_pb2.CallRequest(id=index, target="operator.add", args=args)]))
        frame = next(replies)
        samples.append(time.perf_counter() - started)
        assert frame.replies[0].value == b"\x03", frame
    report("grpc session latency", samples)
    # throughput: keep IN_FLIGHT calls outstanding, one frame per refill
    sent = received = 0
    started = time.perf_counter()
    outgoing.put(
        bridge_pb2.ClientFrame(
            calls=[
                bridge_pb2.CallRequest(id=sent + offset, target="operator.add", args=args)
                for offset in range(IN_FLIGHT)
            ]
        )
    )
    sent += IN_FLIGHT
    frames_seen = 0
    while received < THROUGHPUT_CALLS:
        frame = next(replies)
        frames_seen += 1
        count = len(frame.replies)
        received += count
        if sent < THROUGHPUT_CALLS:
            outgoing.put(
                bridge_pb2.ClientFrame(
                    calls=[
                        bridge_pb2.CallRequest(id=sent + offset, target="operator.add", args=args)
                        for offset in range(count)
                    ]
                )
            )
            sent += count
    elapsed = time.perf_counter() - started
    print(
        f"grpc session throughput ({IN_FLIGHT} in flight): {received / elapsed:,.0f} calls/s, "
        f"{received / frames_seen:.1f} replies per frame"
    )
    # unary Call for comparison
    samples = []
    for index in range(1000):
        started = time.perf_counter()
        stub.Call(bridge_pb2.CallRequest(id=index, target="operator.add", args=args))
        samples.append(time.perf_counter() - started)
    report("grpc unary Call latency", samples)
    outgoing.put(None)


def probe_raw(socket_path: str) -> None:
    """The same work over a bare unix socket: length-prefixed msgpack, one server thread."""
    import operator

    server_socket = socket.socket(socket.AF_UNIX)
    server_socket.bind(socket_path)
    server_socket.listen()

    def serve():
        connection, _ = server_socket.accept()
        unpacker = msgpack.Unpacker()
        packer = msgpack.Packer()
        while True:
            data = connection.recv(65536)
            if not data:
                return
            unpacker.feed(data)
            out = []
            for call_id, _target, args in unpacker:
                out.append(packer.pack([call_id, operator.add(*msgpack.unpackb(args))]))
            connection.sendall(b"".join(out))

    threading.Thread(target=serve, daemon=True).start()
    client = socket.socket(socket.AF_UNIX)
    client.connect(socket_path)
    args = msgpack.packb([1, 2])
    unpacker = msgpack.Unpacker()
    samples = []
    for index in range(ROUNDS):
        started = time.perf_counter()
        client.sendall(msgpack.packb([index, "operator.add", args]))
        while True:
            unpacker.feed(client.recv(65536))
            got = list(unpacker)
            if got:
                break
        samples.append(time.perf_counter() - started)
    report("raw unix msgpack latency", samples)
    sent = received = 0
    started = time.perf_counter()
    client.sendall(b"".join(msgpack.packb([i, "operator.add", args]) for i in range(IN_FLIGHT)))
    sent = IN_FLIGHT
    while received < THROUGHPUT_CALLS:
        unpacker.feed(client.recv(65536))
        count = len(list(unpacker))
        received += count
        if sent < THROUGHPUT_CALLS and count:
            client.sendall(b"".join(msgpack.packb([sent + i, "operator.add", args]) for i in range(count)))
            sent += count
    elapsed = time.perf_counter() - started
    print(f"raw unix msgpack throughput ({IN_FLIGHT} in flight): {received / elapsed:,.0f} calls/s")


def report(name: str, samples: list[float]) -> None:
    samples.sort()
    p50 = statistics.median(samples) * 1e6
    p99 = samples[int(len(samples) * 0.99)] * 1e6
    print(f"{name}: p50 {p50:.0f} µs, p99 {p99:.0f} µs")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--raw", action="store_true")
    parser.add_argument("--address", help="probe a running worker instead of starting one")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        path = os.path.join(directory, "probe.sock")
        if arguments.raw:
            probe_raw(path)
            return
        if arguments.address:
            probe_grpc(arguments.address)
            return
        worker = start_worker(path)
        try:
            probe_grpc(f"unix:{path}")
        finally:
            worker.terminate()
            worker.wait()


if __name__ == "__main__":
    main()
