"""Shared fixtures: a real worker process and a gRPC stub that talks to it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest

PYTHON_ROOT = Path(__file__).resolve().parent.parent
WORKER_MODULES = Path(__file__).resolve().parent / "worker_modules"
TOKEN = "test-token-123"

sys.path.insert(0, str(PYTHON_ROOT))
sys.path.insert(0, str(WORKER_MODULES))

from snakepit_bridge.gen.snakepit.v1 import bridge_pb2_grpc  # noqa: E402


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    handshake: dict[str, object]
    address: str
    socket_path: Path


def worker_environment(token: str | None = TOKEN) -> dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join([str(PYTHON_ROOT), str(WORKER_MODULES)])
    environment.pop("SNAKEPIT_TOKEN", None)
    if token:
        environment["SNAKEPIT_TOKEN"] = token
    return environment


def start_worker(socket_path: Path, token: str | None = TOKEN, extra: list[str] | None = None) -> Worker:
    process = subprocess.Popen(
        [sys.executable, "-m", "snakepit_bridge", "serve", "--socket", str(socket_path), *(extra or [])],
        env=worker_environment(token),
        stdout=subprocess.PIPE,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    handshake = json.loads(line)
    return Worker(process, handshake, str(handshake["address"]), socket_path)


def stop_worker(worker: Worker) -> None:
    if worker.process.poll() is None:
        worker.process.terminate()
        try:
            worker.process.wait(10)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait()


@pytest.fixture(scope="session")
def worker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Worker]:
    socket_path = tmp_path_factory.mktemp("sockets") / "nested" / "worker.sock"
    running = start_worker(socket_path)
    yield running
    stop_worker(running)


@pytest.fixture(scope="session")
def channel(worker: Worker) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(worker.address) as opened:
        yield opened


@pytest.fixture(scope="session")
def stub(channel: grpc.Channel) -> bridge_pb2_grpc.BridgeStub:
    return bridge_pb2_grpc.BridgeStub(channel)


@pytest.fixture(scope="session")
def metadata() -> tuple[tuple[str, str], ...]:
    return (("x-snakepit-token", TOKEN),)
