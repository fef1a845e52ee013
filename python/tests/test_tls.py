"""Remote mode: TLS and mutual TLS on --listen, and the refusal to listen off loopback in the clear."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import grpc
import msgpack
import pytest
from conftest import TOKEN, worker_environment

from snakepit_bridge.gen.snakepit.v1 import bridge_pb2, bridge_pb2_grpc
from snakepit_bridge.tls import ListenRefused, check_listen_is_protected, is_loopback, listen_host

METADATA = (("x-snakepit-token", TOKEN),)
NDARRAY_EXT = 1


def openssl(*arguments: str) -> None:
    subprocess.run(["openssl", *arguments], check=True, capture_output=True)


def make_certificates(folder: Path, name: str) -> dict[str, Path]:
    """A CA, a server certificate for 127.0.0.1 and a client certificate, all signed by the CA."""
    ca_key, ca = folder / f"{name}-ca.key", folder / f"{name}-ca.pem"
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        f"/CN={name} CA",
        "-keyout",
        str(ca_key),
        "-out",
        str(ca),
    )
    files = {"ca": ca}
    for role, extension in (
        ("server", "subjectAltName=IP:127.0.0.1,DNS:localhost"),
        ("client", "extendedKeyUsage=clientAuth"),
    ):
        key, request, cert = folder / f"{name}-{role}.key", folder / f"{name}-{role}.csr", folder / f"{name}-{role}.pem"
        extension_file = folder / f"{name}-{role}.ext"
        extension_file.write_text(extension + "\n")
        openssl(
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-subj",
            f"/CN={name} {role}",
            "-keyout",
            str(key),
            "-out",
            str(request),
        )
        openssl(
            "x509",
            "-req",
            "-in",
            str(request),
            "-CA",
            str(ca),
            "-CAkey",
            str(ca_key),
            "-CAcreateserial",
            "-days",
            "2",
            "-extfile",
            str(extension_file),
            "-out",
            str(cert),
        )
        files[f"{role}_key"], files[f"{role}_cert"] = key, cert
    return files


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return make_certificates(tmp_path_factory.mktemp("tls"), "good")


def serve(*arguments: str, extra_environment: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "snakepit_bridge", "serve", *arguments],
        env={**worker_environment(), **(extra_environment or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def tls_listen(certificates: dict[str, Path]) -> tuple[str, ...]:
    """Arguments of a worker listening with TLS on a free loopback port."""
    return (
        "--listen",
        "127.0.0.1:0",
        "--tls-cert",
        str(certificates["server_cert"]),
        "--tls-key",
        str(certificates["server_key"]),
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, and SIGKILL if draining takes longer than a loaded machine explains."""
    process.terminate()
    try:
        process.wait(30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def mutual_tls_worker(certificates: dict[str, Path]) -> Iterator[str]:
    process = serve(*tls_listen(certificates), "--tls-client-ca", str(certificates["ca"]))
    assert process.stdout is not None
    ready = json.loads(process.stdout.readline())
    yield str(ready["address"])
    stop(process)


def health(address: str, credentials: grpc.ChannelCredentials) -> bridge_pb2.HealthReply:
    with grpc.secure_channel(address, credentials) as channel:
        return bridge_pb2_grpc.BridgeStub(channel).Health(bridge_pb2.HealthRequest(), metadata=METADATA, timeout=10)


def test_a_client_with_a_certificate_from_the_ca_is_served(
    mutual_tls_worker: str, certificates: dict[str, Path]
) -> None:
    credentials = grpc.ssl_channel_credentials(
        certificates["ca"].read_bytes(),
        certificates["client_key"].read_bytes(),
        certificates["client_cert"].read_bytes(),
    )
    assert health(mutual_tls_worker, credentials).ready


def test_a_client_without_a_certificate_is_refused_by_mutual_tls(
    mutual_tls_worker: str, certificates: dict[str, Path]
) -> None:
    with pytest.raises(grpc.RpcError) as refused:
        health(mutual_tls_worker, grpc.ssl_channel_credentials(certificates["ca"].read_bytes()))
    assert refused.value.code() == grpc.StatusCode.UNAVAILABLE


def test_a_plain_text_client_cannot_talk_to_a_tls_worker(mutual_tls_worker: str) -> None:
    with grpc.insecure_channel(mutual_tls_worker) as channel, pytest.raises(grpc.RpcError):
        bridge_pb2_grpc.BridgeStub(channel).Health(bridge_pb2.HealthRequest(), metadata=METADATA, timeout=10)


def test_listening_off_loopback_without_tls_is_refused_with_the_reason() -> None:
    process = serve("--listen", "0.0.0.0:0")
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert b"refusing to listen on 0.0.0.0:0 without TLS" in stderr
    assert b"--insecure" in stderr


def test_insecure_allows_a_plain_listener_off_loopback_on_purpose() -> None:
    check_listen_is_protected("0.0.0.0:50051", tls=False, insecure=True)


def test_a_key_without_its_certificate_is_refused(certificates: dict[str, Path]) -> None:
    process = serve("--listen", "127.0.0.1:0", "--tls-key", str(certificates["server_key"]))
    _, stderr = process.communicate(timeout=60)
    assert process.returncode != 0
    assert b"--tls-cert and --tls-key must be given together" in stderr


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.3", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("10.1.2.3", False),
        ("::", False),
        ("worker.example", False),
    ],
)
def test_loopback_addresses_are_recognised(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_listen_host_strips_brackets_and_refuses_a_missing_port() -> None:
    assert listen_host("[::1]:0") == "::1"
    with pytest.raises(ListenRefused, match="not host:port"):
        listen_host("localhost")


def test_a_network_worker_never_writes_results_to_shared_memory(certificates: dict[str, Path]) -> None:
    shared_memory = {"SNAKEPIT_SHARED_MEMORY": "1", "SNAKEPIT_SHARED_MEMORY_THRESHOLD": "8"}
    process = serve(*tls_listen(certificates), extra_environment=shared_memory)
    assert process.stdout is not None
    address = str(json.loads(process.stdout.readline())["address"])
    try:
        credentials = grpc.ssl_channel_credentials(certificates["ca"].read_bytes())
        with grpc.secure_channel(address, credentials) as channel:
            stub = bridge_pb2_grpc.BridgeStub(channel)
            request = bridge_pb2.CallRequest(id=1, target="numpy.zeros", args=msgpack.packb([64]))
            reply = stub.Call(request, metadata=METADATA, timeout=30)
        extension = msgpack.unpackb(reply.value, ext_hook=lambda code, data: code)
        assert extension == NDARRAY_EXT, "a 512-byte array above the 8-byte threshold still travels inside the message"
    finally:
        stop(process)
