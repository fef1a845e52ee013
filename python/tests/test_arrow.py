from __future__ import annotations

import gc
import os
import subprocess
import sys

import msgpack
import pytest

from snakepit_bridge import arrow
from snakepit_bridge.codec import REF_EXT, Codec, ResultMode
from snakepit_bridge.refs import RefRegistry

pandas = pytest.importorskip("pandas")
pyarrow = pytest.importorskip("pyarrow")


def sample_frame() -> object:
    return pandas.DataFrame(
        {
            "count": pandas.Series([1, 2, 3], dtype="int64"),
            "ratio": pandas.Series([0.5, 1.5, float("nan")], dtype="float64"),
            "name": ["a", "b", None],
            "flag": pandas.Series([True, False, True], dtype="bool"),
            "at": pandas.to_datetime(["2024-01-01T00:00:00", "2024-06-30T12:00:00", "2025-02-03T00:00:00"]).astype(
                "datetime64[ns]"
            ),
            "kind": pandas.Categorical(["x", "y", "x"]),
        }
    )


def test_a_dataframe_result_travels_as_ext_8_and_comes_back_with_its_dtypes() -> None:
    codec = Codec(RefRegistry())
    frame = sample_frame()
    encoded = codec.encode(frame)
    ext = msgpack.unpackb(encoded, raw=False)
    assert ext.code == arrow.ARROW_EXT
    table = pyarrow.ipc.open_stream(ext.data).read_all()
    assert str(table.schema.field("kind").type).startswith("dictionary")
    assert str(table.schema.field("at").type) == "timestamp[ns]"
    back = codec.decode(encoded)
    assert dict(back.dtypes.astype(str)) == dict(frame.dtypes.astype(str))
    pandas.testing.assert_frame_equal(back, frame)


def test_nested_dataframes_and_arguments_decode_to_dataframes() -> None:
    codec = Codec(RefRegistry())
    frame = sample_frame()
    back = codec.decode(codec.encode({"frames": [frame, frame.head(1)]}))
    pandas.testing.assert_frame_equal(back["frames"][0], frame)
    assert len(back["frames"][1]) == 1


def test_frames_arrow_cannot_hold_stay_in_python_as_refs() -> None:
    refs = RefRegistry()
    mixed = pandas.DataFrame({"mixed": [1, "two", 3.0]})
    ext = msgpack.unpackb(Codec(refs).encode(mixed, ResultMode.AUTO), raw=False)
    assert ext.code == REF_EXT
    assert refs.count() == 1


def test_pyarrow_is_imported_only_when_a_dataframe_travels() -> None:
    script = (
        "import sys; from snakepit_bridge.codec import Codec; from snakepit_bridge.refs import RefRegistry;"
        "Codec(RefRegistry()).encode({'a': [1, 2]}); print('pyarrow' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_object_string_columns_stay_object() -> None:
    codec = Codec(RefRegistry())
    frame = pandas.DataFrame({"name": pandas.Series(["a", "b"], dtype="object")})
    assert str(codec.decode(codec.encode(frame))["name"].dtype) == "object"


def test_large_frames_go_through_a_shared_memory_file_when_enabled(monkeypatch: pytest.MonkeyPatch) -> None:
    from snakepit_bridge import shared_memory

    if not os.path.isdir("/dev/shm"):
        pytest.skip("no /dev/shm on this host")
    monkeypatch.setattr(shared_memory, "_results_threshold", 64)
    codec = Codec(RefRegistry())
    frame = sample_frame()
    ext = msgpack.unpackb(codec.encode(frame), raw=False)
    assert ext.code == shared_memory.SHARED_ARROW_EXT
    back = codec.decode(msgpack.packb(ext))
    pandas.testing.assert_frame_equal(back, frame)
    # The file is a reusable slot: given back (renamed .free) once nothing views its mapping.
    del back
    gc.collect()
    assert not os.path.exists(ext.data.decode("utf-8"))
