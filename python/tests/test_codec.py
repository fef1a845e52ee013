from __future__ import annotations

import datetime
import enum
import fractions

import msgpack
import numpy
import pytest

from snakepit_bridge.codec import Codec, ResultMode
from snakepit_bridge.errors import DecodeError, EncodeError, UnknownRefError
from snakepit_bridge.refs import RefRegistry

UTC = datetime.timezone.utc


@pytest.fixture
def codec() -> Codec:
    return Codec(RefRegistry())


@pytest.mark.parametrize(
    "value",
    [
        None, True, False, 0, -1, 2**53 - 1, -(2**53 - 1), 2**53, 2**64 + 5, -(2**80), 1.5, float("inf"), "", "héllo",
        b"\x00\xff", [], [1, "a", None, 2.5], {"a": [1, {"b": None}]}, {1: "x", (1, 2): "t", "s": 3}, (), (1, (2, 3)),
        {1, 2}, frozenset({"a"}), [{"k": (1, {2, 3})}], datetime.datetime(2024, 5, 6, 7, 8, 9, 123000, tzinfo=UTC),
    ],
)  # fmt: skip
def test_round_trip(codec: Codec, value: object) -> None:
    decoded = codec.decode(codec.encode(value))
    assert decoded == value
    assert type(decoded) is type(value) or isinstance(value, frozenset)


def test_ints_beyond_the_safe_range_travel_as_ext_2(codec: Codec) -> None:
    assert codec.encode(2**53) == msgpack.packb(msgpack.ExtType(2, b"9007199254740992"))
    assert codec.encode(2**53 - 1) == msgpack.packb(2**53 - 1)
    assert codec.encode([1, 2**60]) == msgpack.packb([1, msgpack.ExtType(2, str(2**60).encode())])


def test_naive_datetimes_are_taken_as_utc(codec: Codec) -> None:
    decoded = codec.decode(codec.encode(datetime.datetime(2024, 1, 1, 12)))
    assert decoded == datetime.datetime(2024, 1, 1, 12, tzinfo=UTC)


def test_dict_with_non_string_keys_is_a_map_ext(codec: Codec) -> None:
    encoded = codec.encode({1: "a"})
    assert msgpack.unpackb(encoded).code == 4


def test_binary_like_values_encode_as_bin(codec: Codec) -> None:
    assert codec.decode(codec.encode(bytearray(b"ab"))) == b"ab"
    assert codec.decode(codec.encode(memoryview(b"cd"))) == b"cd"


def test_numeric_subclasses_encode_as_plain_numbers(codec: Codec) -> None:
    class Color(enum.IntEnum):
        RED = 1

    assert codec.decode(codec.encode([Color.RED, numpy.float64(1.5), numpy.int64(7), numpy.bool_(True)])) == [
        1, 1.5, 7, True,
    ]  # fmt: skip
    assert type(codec.decode(codec.encode(numpy.int64(7)))) is int


@pytest.mark.parametrize(
    "dtype", ["float64", "float32", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "bool"]
)
@pytest.mark.parametrize("shape", [(), (0,), (5,), (2, 3), (2, 1, 4)])
def test_ndarray_round_trip(codec: Codec, dtype: str, shape: tuple[int, ...]) -> None:
    array = (numpy.arange(int(numpy.prod(shape))) % 3).astype(dtype).reshape(shape)
    decoded = codec.decode(codec.encode(array))
    assert decoded.dtype == array.dtype
    assert decoded.shape == array.shape
    numpy.testing.assert_array_equal(decoded, array)


def test_ndarray_decode_is_zero_copy(codec: Codec) -> None:
    payload = codec.encode(numpy.arange(1000, dtype=numpy.float64))
    decoded = codec.decode(payload)
    assert not decoded.flags.owndata  # a view over the received bytes
    assert isinstance(decoded.base, (bytes, memoryview)) or decoded.base is not None


def test_non_contiguous_and_big_endian_arrays_encode_in_c_order_little_endian(codec: Codec) -> None:
    matrix = numpy.arange(6, dtype=">i4").reshape(2, 3)
    numpy.testing.assert_array_equal(codec.decode(codec.encode(matrix.T)), matrix.T)
    assert codec.decode(codec.encode(matrix)).dtype == numpy.dtype("<i4")


def test_ndarray_nested_in_containers(codec: Codec) -> None:
    decoded = codec.decode(codec.encode({"x": [numpy.ones(2), (numpy.zeros((1, 1), dtype=numpy.int16),)]}))
    numpy.testing.assert_array_equal(decoded["x"][0], numpy.ones(2))
    assert decoded["x"][1][0].dtype == numpy.int16


def test_unencodable_values_become_refs_in_auto_mode(codec: Codec) -> None:
    value = fractions.Fraction(3, 4)
    encoded = msgpack.unpackb(codec.encode([value, numpy.array([1j])]))
    assert encoded[0].code == 6
    assert msgpack.unpackb(encoded[0].data) == ["r1", "fractions.Fraction"]
    assert msgpack.unpackb(encoded[1].data)[1] == "numpy.ndarray"  # complex arrays are not NDArrays
    assert codec.decode(codec.encode(value)) is value


def test_value_mode_refuses_unencodable_values_naming_the_type(codec: Codec) -> None:
    with pytest.raises(EncodeError, match="fractions.Fraction") as caught:
        codec.encode({"a": fractions.Fraction(1, 2)}, ResultMode.VALUE)
    assert isinstance(caught.value, TypeError)
    assert caught.value.code == "encode"


def test_ref_mode_always_gives_a_ref(codec: Codec) -> None:
    encoded = msgpack.unpackb(codec.encode(5, ResultMode.REF))
    assert encoded.code == 6
    assert codec.decode(codec.encode(5, ResultMode.REF)) == 5


def test_same_object_twice_gives_the_same_ref_id() -> None:
    registry = RefRegistry()
    codec = Codec(registry)
    value = object()
    first = msgpack.unpackb(msgpack.unpackb(codec.encode(value)).data)
    second = msgpack.unpackb(msgpack.unpackb(codec.encode(value)).data)
    assert first[0] == second[0]
    assert registry.release([first[0]]) == (1, [])
    assert registry.count() == 1


def test_unknown_ext_type_is_refused_naming_the_code(codec: Codec) -> None:
    with pytest.raises(DecodeError, match="ext type 42"):
        codec.decode(msgpack.packb(msgpack.ExtType(42, b"")))


def test_unknown_ref_is_refused(codec: Codec) -> None:
    with pytest.raises(UnknownRefError, match="r999"):
        codec.decode(msgpack.packb(msgpack.ExtType(6, msgpack.packb(["r999", "object"]))))


def test_malformed_payload_is_a_decode_error(codec: Codec) -> None:
    with pytest.raises(DecodeError):
        codec.decode(b"\xc1")
    with pytest.raises(DecodeError, match="dtype code 99"):
        codec.decode(msgpack.packb(msgpack.ExtType(1, b"\x63\x00")))


def test_args_and_kwargs_shapes(codec: Codec) -> None:
    assert codec.decode_args(b"") == []
    assert codec.decode_kwargs(b"") == {}
    with pytest.raises(DecodeError, match="args must be"):
        codec.decode_args(msgpack.packb({"a": 1}))
    with pytest.raises(DecodeError, match="kwargs must be"):
        codec.decode_kwargs(msgpack.packb([1]))


def test_map_keys_that_are_arrays_become_tuples(codec: Codec) -> None:
    payload = msgpack.packb(msgpack.ExtType(4, msgpack.packb([[1, 2], "v"])))
    assert codec.decode(payload) == {(1, 2): "v"}


def test_small_maps_pack_as_they_are_only_when_every_value_is_plain(codec: Codec) -> None:
    assert codec.encode({"value": 3, "name": "x"}) == msgpack.packb({"value": 3, "name": "x"})
    assert codec.encode({"value": 2**60}) == msgpack.packb({"value": msgpack.ExtType(2, str(2**60).encode())})
    assert codec.decode(codec.encode({"value": (1, 2)})) == {"value": (1, 2)}
    assert codec.decode(codec.encode({1: "x"})) == {1: "x"}


@pytest.mark.parametrize(
    "args",
    [
        (numpy.arange(10, dtype=numpy.float64),),
        (numpy.arange(6).reshape(2, 3).T, 1.5, "a", None, True, 3, b"x"),
        (1, 2**60),
        (numpy.array(["a", "b"]),),
        ({"a": 1}, [1, 2]),
        tuple(range(20)),
        (),
    ],
)
def test_a_callbacks_arguments_encode_as_their_list_does(codec: Codec, args: tuple[object, ...]) -> None:
    """encode_arguments is a shortcut for the common shapes; its bytes are encode(list(args))'s."""
    assert codec.encode_arguments(args) == codec.encode(list(args))
