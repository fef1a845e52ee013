"""The worker dies with its parent and drains on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import grpc
from conftest import TOKEN, start_worker, stop_worker, worker_environment
from rpc_helpers import SessionClient, request, value_of

from snakepit_bridge.gen.snakepit.v1 import bridge_pb2, bridge_pb2_grpc


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = Path(f"/proc/{pid}/stat").read_text().split()[2] if Path(f"/proc/{pid}/stat").exists() else "X"
    return state not in ("Z", "X")


def test_worker_dies_within_two_seconds_of_its_parent_being_killed(tmp_path: Path) -> None:
    socket_path = tmp_path / "orphan.sock"
    parent_script = textwrap.dedent(f"""
        import subprocess, sys, time
        worker = subprocess.Popen([sys.executable, "-m", "snakepit_bridge", "serve", "--socket", {str(socket_path)!r}],
                                  stdout=subprocess.PIPE)
        print(worker.pid, flush=True)
        print(worker.stdout.readline().decode().strip(), flush=True)
        time.sleep(60)
    """)
    parent = subprocess.Popen([sys.executable, "-c", parent_script], env=worker_environment(), stdout=subprocess.PIPE)
    assert parent.stdout is not None
    worker_pid = int(parent.stdout.readline())
    assert b'"event":"ready"' in parent.stdout.readline()
    assert process_alive(worker_pid)
    parent.kill()
    parent.wait()
    limit = time.monotonic() + 2
    while process_alive(worker_pid) and time.monotonic() < limit:
        time.sleep(0.05)
    assert not process_alive(worker_pid), "the worker outlived its parent"


def test_sigterm_lets_the_running_call_finish_then_exits_zero(tmp_path: Path) -> None:
    worker = start_worker(tmp_path / "drain.sock")
    try:
        with grpc.insecure_channel(worker.address) as channel:
            stub = bridge_pb2_grpc.BridgeStub(channel)
            metadata = (("x-snakepit-token", TOKEN),)
            session = SessionClient(stub, metadata)
            session.send(request(1, "bridge_fixtures.sleep_then", 0.5, "finished"))
            time.sleep(0.15)
            worker.process.send_signal(signal.SIGTERM)
            reply = session.collect(1)[1]
            assert value_of(reply) == "finished"
            assert worker.process.wait(5) == 0
    finally:
        stop_worker(worker)
    assert not worker.socket_path.exists()


def test_idle_worker_is_small_has_no_numpy_and_exits_on_sigterm(tmp_path: Path) -> None:
    worker = start_worker(tmp_path / "idle.sock", token=None)
    with grpc.insecure_channel(worker.address) as channel:
        health = bridge_pb2_grpc.BridgeStub(channel).Health(bridge_pb2.HealthRequest())  # no token configured
        assert health.ready
        assert health.rss_bytes < 45 * 1024 * 1024, f"idle worker RSS {health.rss_bytes / 1e6:.1f} MB"
        assert "numpy" not in Path(f"/proc/{worker.process.pid}/maps").read_text(), "numpy loaded before any call"
    started = time.monotonic()
    worker.process.send_signal(signal.SIGTERM)
    assert worker.process.wait(5) == 0
    assert time.monotonic() - started < 2


def test_listen_on_tcp_and_token_file(tmp_path: Path) -> None:
    token_file = tmp_path / "token"
    token_file.write_text("from-file\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "snakepit_bridge", "serve", "--listen", "127.0.0.1:0", "--token-file", str(token_file)],
        env=worker_environment(None),
        stdout=subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        import json

        handshake = json.loads(process.stdout.readline())
        assert handshake["address"].startswith("127.0.0.1:") and not handshake["address"].endswith(":0")
        with grpc.insecure_channel(handshake["address"]) as channel:
            stub = bridge_pb2_grpc.BridgeStub(channel)
            # Generous limits: on a loaded CI machine the first connection can take seconds.
            metadata = (("x-snakepit-token", "from-file"),)
            reply = stub.Call(request(1, "operator.add", 1, 1), metadata=metadata, timeout=60)
            assert value_of(reply) == 2
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
