"""Large positional arguments: ndarrays are decoded viewing the received bytes, everything else as before."""

from __future__ import annotations

import msgpack
import numpy
import pytest

from snakepit_bridge import large_args
from snakepit_bridge.codec import Codec, ResultMode
from snakepit_bridge.errors import DecodeError
from snakepit_bridge.refs import RefRegistry


@pytest.fixture
def codec() -> Codec:
    return Codec(RefRegistry())


def big(start: float = 0.0) -> numpy.ndarray:
    return numpy.arange(start, start + 200_000, dtype=numpy.float64)


def test_a_large_ndarray_views_the_received_bytes(codec: Codec) -> None:
    data = codec.encode([big()], ResultMode.VALUE)
    assert len(data) >= large_args.MIN_BYTES
    [array] = codec.decode_args(data)
    numpy.testing.assert_array_equal(array, big())
    assert not array.flags.writeable
    # No copy: the array's memory is the payload's own, through a memoryview of it.
    base = array.base
    while isinstance(base, numpy.ndarray):
        base = base.base
    assert isinstance(base, memoryview) and base.obj is data


def test_mixed_arguments_decode_as_the_plain_path_does(codec: Codec) -> None:
    values = [
        big(1), "text", {"k": (1, 2)}, numpy.arange(6, dtype=numpy.int32).reshape(2, 3), b"\x01" * 300_000,
        [big(5)], 2**70, big(9).reshape(400, 500), None,
    ]  # fmt: skip
    data = codec.encode(values, ResultMode.VALUE)
    in_place = codec.decode_args(data)
    plain = codec.decode(data)
    assert len(in_place) == len(plain) == len(values)
    for got, want in zip(in_place, plain, strict=True):
        if isinstance(want, numpy.ndarray):
            numpy.testing.assert_array_equal(got, want)
            assert got.shape == want.shape and got.dtype == want.dtype
        elif isinstance(want, list):
            numpy.testing.assert_array_equal(got[0], want[0])
        else:
            assert got == want


def test_small_or_non_array_payloads_take_the_plain_path(codec: Codec) -> None:
    assert large_args.decode_args_in_place(codec.encode([big()[:10]], ResultMode.VALUE), codec._unpacker, {}) is None
    as_map = msgpack.packb({"a": b"\x00" * large_args.MIN_BYTES})
    assert large_args.decode_args_in_place(as_map, codec._unpacker, {}) is None


def test_truncated_or_trailing_bytes_are_decode_errors(codec: Codec) -> None:
    data = codec.encode([big(), "tail", [1, 2, 3]], ResultMode.VALUE)
    with pytest.raises(DecodeError):
        codec.decode_args(data[:-3])
    with pytest.raises(DecodeError):
        codec.decode_args(data + b"\xc0")
    # An ext 1 that claims more bytes than there are is left to msgpack, which reports it.
    with pytest.raises(DecodeError):
        codec.decode_args(data[: len(data) // 2])


def test_a_large_arrow_table_is_read_from_the_received_bytes(codec: Codec, monkeypatch: pytest.MonkeyPatch) -> None:
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    from snakepit_bridge import arrow
    from snakepit_bridge import codec as codec_module

    frame = pandas.DataFrame({"a": big(), "b": big(3)})
    data = codec.encode(["label", frame], ResultMode.VALUE)
    assert len(data) >= large_args.MIN_BYTES
    payloads: list[object] = []

    def recording(payload: memoryview) -> object:
        payloads.append(payload)
        return arrow.decode_dataframe(payload)

    monkeypatch.setitem(codec_module._IN_PLACE_DECODERS, arrow.ARROW_EXT, recording)
    label, back = codec.decode_args(data)
    assert label == "label"
    pandas.testing.assert_frame_equal(back, frame)
    # pyarrow read the stream out of the message itself: msgpack made no copy of it first.
    [payload] = payloads
    assert isinstance(payload, memoryview) and payload.obj is data
