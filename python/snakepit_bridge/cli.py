"""Command line of the worker.

    python -m snakepit_bridge serve --socket /run/user/1000/snakepit/w1.sock
    python -m snakepit_bridge serve --listen 127.0.0.1:0 --token-file token.txt
    python -m snakepit_bridge serve --listen 0.0.0.0:50051 --token-file token.txt \
        --tls-cert server.pem --tls-key server.key --tls-client-ca ca.pem

When it accepts connections it prints exactly one JSON line on stdout, which the
TypeScript pool waits for:

    {"event": "ready", "pid": 123, "address": "unix:/path", "bridge_version": "0.1.0", "python_version": "3.11.7"}

Everything else (logs, warnings) goes to stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from typing import TYPE_CHECKING

from . import __version__, health

if TYPE_CHECKING:
    import grpc

TOKEN_ENVIRONMENT_VARIABLE = "SNAKEPIT_TOKEN"


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m snakepit_bridge", description="Snakepit Python worker")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="serve the Bridge gRPC service until SIGTERM or parent death")
    where = serve.add_mutually_exclusive_group(required=True)
    where.add_argument("--socket", help="Unix socket path; its directory is created 0700 if missing")
    where.add_argument("--listen", help="host:port to listen on (port 0 picks a free port)")
    serve.add_argument(
        "--frame-socket",
        help="also serve Session frames on this Unix socket (the fast lane for a client on this host; see framed.py)",
    )
    serve.add_argument("--token-file", help=f"file holding the shared token (default: ${TOKEN_ENVIRONMENT_VARIABLE})")
    serve.add_argument("--tls-cert", help="PEM certificate chain: --listen speaks TLS (needed off loopback)")
    serve.add_argument("--tls-key", help="PEM private key of --tls-cert")
    serve.add_argument("--tls-client-ca", help="PEM CA bundle: require client certificates it signed (mutual TLS)")
    serve.add_argument(
        "--detached",
        action="store_true",
        help="keep serving after the process that started it exits (a standalone worker started by hand or a script)",
    )
    serve.add_argument(
        "--insecure",
        action="store_true",
        help="allow --listen on a non-loopback address without TLS (only on an already encrypted network)",
    )
    serve.add_argument("--max-message-mb", type=int, default=256, help="largest gRPC message in MiB (default 256)")
    serve.add_argument("--memory-mb", type=int, help="address-space limit (RLIMIT_AS) in MiB; past it, MemoryError")
    serve.add_argument("--cpu-seconds", type=int, help="CPU-time limit (RLIMIT_CPU); past it the worker dies")
    serve.add_argument("--grace-seconds", type=float, default=10.0, help="how long SIGTERM waits for calls in flight")
    serve.add_argument("--log-level", default=os.environ.get("SNAKEPIT_LOG_LEVEL", "WARNING"))
    return parser.parse_args(argv)


def read_token(token_file: str | None) -> str | None:
    """The token from --token-file, else from $SNAKEPIT_TOKEN; None when neither is set."""
    if token_file:
        with open(token_file, encoding="utf-8") as file:
            token = file.read().strip()
        if not token:
            raise SystemExit(f"--token-file {token_file} is empty; write the token into it or leave the flag out")
        return token
    return os.environ.get(TOKEN_ENVIRONMENT_VARIABLE) or None


def prepare_socket_path(path: str) -> None:
    """Creates the socket's directory (0700) if missing and removes a stale socket file."""
    directory = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(directory):
        os.makedirs(directory, mode=0o700, exist_ok=True)
    if os.path.exists(path):
        os.unlink(path)


def listen_credentials(arguments: argparse.Namespace) -> grpc.ServerCredentials | None:
    """TLS credentials for --listen, checked before anything starts; exits with the reason when they do not fit."""
    from .tls import ListenRefused, check_listen_is_protected, check_tls_arguments, server_credentials

    try:
        check_tls_arguments(arguments.tls_cert, arguments.tls_key, arguments.tls_client_ca)
        if arguments.tls_cert and not arguments.listen:
            raise ListenRefused("--tls-cert applies to --listen only; a --socket is already private to this user")
        if not arguments.listen:
            return None
        check_listen_is_protected(arguments.listen, tls=bool(arguments.tls_cert), insecure=arguments.insecure)
        if not arguments.tls_cert:
            return None
        return server_credentials(arguments.tls_cert, arguments.tls_key, arguments.tls_client_ca)
    except ListenRefused as error:
        raise SystemExit(f"snakepit-bridge serve: {error}") from None


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(argv)
    log_format = "snakepit-bridge %(levelname)s %(name)s: %(message)s"
    logging.basicConfig(stream=sys.stderr, level=arguments.log_level.upper(), format=log_format)
    token = read_token(arguments.token_file)
    credentials = listen_credentials(arguments)

    from . import lifecycle
    from .runtime import Runtime
    from .server import BridgeServer

    if not arguments.detached:
        lifecycle.die_with_parent()
    if arguments.listen:
        # A network client is not on this host: results must not go to files in /dev/shm (ext 10/11).
        os.environ.pop("SNAKEPIT_SHARED_MEMORY", None)
    from . import limits, policy, user_types

    policy.current()  # a malformed $SNAKEPIT_ALLOW stops the worker now, not at its first call
    user_types.import_type_modules()  # converters registered by $SNAKEPIT_TYPE_MODULES, before any call decodes
    limits.apply_limits(arguments.memory_mb, arguments.cpu_seconds)
    runtime = Runtime()
    max_message_bytes = arguments.max_message_mb * 1024 * 1024
    server = BridgeServer(runtime, token=token, max_message_bytes=max_message_bytes)
    if arguments.socket:
        prepare_socket_path(arguments.socket)
        previous_umask = os.umask(0o177)  # the socket file is created 0600
        try:
            address = server.start(f"unix:{os.path.abspath(arguments.socket)}")
        finally:
            os.umask(previous_umask)
        os.chmod(arguments.socket, 0o600)
    else:
        address = server.start(arguments.listen, credentials)

    frame_lane = None
    if arguments.frame_socket:
        from .framed import FrameListener

        prepare_socket_path(arguments.frame_socket)
        frame_lane = FrameListener(server.servicer, os.path.abspath(arguments.frame_socket), token, max_message_bytes)

    def begin_draining() -> None:
        runtime.draining = True

    def finish() -> None:
        if frame_lane is not None:
            frame_lane.stop()
        server.stop(0.5).wait(1.0)
        runtime.executor.stop()

    lifecycle.drain_on_termination(begin_draining, lambda: runtime.in_flight, finish, arguments.grace_seconds)
    ready = {
        "event": "ready",
        "pid": os.getpid(),
        "address": address,
        "bridge_version": __version__,
        "python_version": health.python_version(),
    }
    if frame_lane is not None:
        ready["frame_address"] = frame_lane.start()
    sys.stdout.write(json.dumps(ready, separators=(",", ":")) + "\n")
    sys.stdout.flush()
    runtime.executor.run_forever()
    for path in (arguments.socket, arguments.frame_socket):
        if path and os.path.exists(path):
            os.unlink(path)
    return 0
