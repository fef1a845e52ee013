from __future__ import annotations

import os
import struct
import tempfile

import msgpack
import numpy
import pytest

from snakepit_bridge.codec import Codec
from snakepit_bridge.errors import DecodeError
from snakepit_bridge.refs import RefRegistry
from snakepit_bridge.shared_memory import SHARED_FILE_EXT

pytestmark = pytest.mark.skipif(not os.path.isdir("/dev/shm"), reason="no /dev/shm on this host")


def payload_for(path: str, code: int, shape: tuple[int, ...]) -> bytes:
    return struct.pack(f"<BB{len(shape)}I", code, len(shape), *shape) + path.encode("utf-8")


def test_an_array_in_a_shared_memory_file_is_mapped_and_the_file_removed() -> None:
    folder = tempfile.mkdtemp(prefix="snakepit-", dir="/dev/shm")
    path = os.path.join(folder, "a.bin")
    numpy.arange(6, dtype="<f8").tofile(path)
    data = msgpack.packb([msgpack.ExtType(SHARED_FILE_EXT, payload_for(path, 0, (2, 3)))])
    [array] = Codec(RefRegistry()).decode(data)
    assert array.shape == (2, 3)
    assert array.sum() == 15.0
    assert not array.flags.writeable
    assert not os.path.exists(path)
    os.rmdir(folder)


def test_paths_outside_snakepit_folders_in_dev_shm_are_refused() -> None:
    with tempfile.NamedTemporaryFile(dir="/dev/shm") as file:
        data = msgpack.packb(msgpack.ExtType(SHARED_FILE_EXT, payload_for(file.name, 0, (1,))))
        with pytest.raises(DecodeError, match="not in a snakepit"):
            Codec(RefRegistry()).decode(data)
        assert os.path.exists(file.name)


def test_a_missing_file_is_a_decode_error_that_says_why() -> None:
    data = msgpack.packb(msgpack.ExtType(SHARED_FILE_EXT, payload_for("/dev/shm/snakepit-gone/x.bin", 0, (1,))))
    with pytest.raises(DecodeError, match="is gone"):
        Codec(RefRegistry()).decode(data)


def test_large_results_go_to_a_private_file_when_the_pool_asks_for_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from snakepit_bridge import shared_memory

    monkeypatch.setattr(shared_memory, "_results_threshold", 64)
    codec = Codec(RefRegistry())
    ext = msgpack.unpackb(codec.encode(numpy.arange(16, dtype="<f8")), raw=False)
    assert ext.code == SHARED_FILE_EXT
    path = ext.data[6:].decode("utf-8")
    assert os.path.basename(os.path.dirname(path)).startswith("snakepit-")
    assert (numpy.fromfile(path, dtype="<f8") == numpy.arange(16)).all()
    # The same payload decodes back (as TypeScript would send it) and the file is gone after.
    assert codec.decode(msgpack.packb(ext)).sum() == 120.0
    assert not os.path.exists(path)
    small = msgpack.unpackb(codec.encode(numpy.arange(4, dtype="<f8")), raw=False)
    assert small.code == 1
