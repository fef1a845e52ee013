"""The raw baseline: length-prefixed MessagePack frames, one call per frame, no gRPC.

Speaks over stdio (default) or a Unix socket (--socket PATH). Each request frame
is msgpack [id, target, args]; each reply is [id, result] or [id, None, error].
A bin argument to "numpy.frombuffer_sum" is summed as float64 with numpy, which
is the floor for array transfer. This is what every Snakepit figure is compared to.
"""

from __future__ import annotations

import importlib
import socket
import struct
import sys
from collections.abc import Callable
from typing import Any, BinaryIO

import msgpack

_resolved: dict[str, Callable[..., Any]] = {}


def resolve(target: str) -> Callable[..., Any]:
    function = _resolved.get(target)
    if function is None:
        if target == "numpy.frombuffer_sum":
            import numpy

            def function(data: bytes) -> float:
                return float(numpy.frombuffer(data, dtype="<f8").sum())
        else:
            module_name, _, name = target.rpartition(".")
            function = getattr(importlib.import_module(module_name), name)
        _resolved[target] = function
    return function


def serve(reader: BinaryIO, write: Callable[[bytes], Any]) -> None:
    header = struct.Struct("<I")
    packer = msgpack.Packer()
    while True:
        prefix = reader.read(4)
        if len(prefix) < 4:
            return
        (length,) = header.unpack(prefix)
        call_id, target, args = msgpack.unpackb(reader.read(length))
        try:
            payload = packer.pack([call_id, resolve(target)(*args)])
        except Exception as error:  # noqa: BLE001 - the baseline reports every failure to its caller
            payload = packer.pack([call_id, None, repr(error)])
        write(header.pack(len(payload)) + payload)


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--socket":
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(sys.argv[2])
        server.listen(1)
        print("ready", flush=True)
        connection, _ = server.accept()
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 1 << 20)
        serve(connection.makefile("rb"), connection.sendall)
    else:
        print("ready", flush=True)
        stdout = sys.stdout.buffer

        def write(data: bytes) -> None:
            stdout.write(data)
            stdout.flush()

        serve(sys.stdin.buffer, write)


if __name__ == "__main__":
    main()
