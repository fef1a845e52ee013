"""Property tests of the worker's codec: arbitrary values round-trip, and arbitrary or damaged
bytes from a caller raise the bridge's own errors (DecodeError and kin), never a crash or a hang.
Runs are bounded so the file stays fast."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from snakepit_bridge.arrow import ARROW_EXT
from snakepit_bridge.codec import Codec
from snakepit_bridge.errors import BridgeError
from snakepit_bridge.refs import RefRegistry

BOUNDED = settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

leaves = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**100), max_value=2**100)
    | st.floats(allow_nan=False)
    | st.text(max_size=40)
    | st.binary(max_size=64)
)
values = st.recursive(
    leaves,
    lambda children: (
        st.lists(children, max_size=6)
        | st.dictionaries(st.text(max_size=8), children, max_size=6)
        | st.tuples(children, children)
    ),
    max_leaves=30,
)


def _codec() -> Codec:
    return Codec(RefRegistry())


def _decodes_or_refuses(data: bytes) -> None:
    """A value, or one of the bridge's errors; anything else propagates and fails the test."""
    try:
        _codec().decode(data)
    except BridgeError:
        pass


@BOUNDED
@given(values)
def test_arbitrary_values_round_trip(value: Any) -> None:
    codec = _codec()
    assert codec.decode(codec.encode(value)) == value


@BOUNDED
@given(st.binary(min_size=1, max_size=256))
def test_arbitrary_bytes_decode_or_raise_a_bridge_error(data: bytes) -> None:
    _decodes_or_refuses(data)


@BOUNDED
@given(values, st.integers(min_value=1))
def test_truncated_encodings_raise_a_bridge_error(value: Any, cut: int) -> None:
    data = _codec().encode(value)
    if len(data) > 1:
        _decodes_or_refuses(data[: cut % len(data) or 1])


@BOUNDED
@given(st.integers(min_value=-128, max_value=127).filter(lambda code: code != ARROW_EXT), st.binary(max_size=200))
def test_extension_types_with_damaged_payloads_raise_a_bridge_error(code: int, payload: bytes) -> None:
    # ext 8: a one-byte length and a signed one-byte type code, then the payload (MessagePack spec).
    _decodes_or_refuses(bytes([0xC7, len(payload), code & 0xFF]) + payload)


@BOUNDED
@given(st.binary(max_size=200))
def test_damaged_arrow_payloads_raise_a_bridge_error(payload: bytes) -> None:
    _decodes_or_refuses(bytes([0xC7, len(payload), ARROW_EXT]) + payload)


def test_claims_of_huge_lengths_fail_at_once() -> None:
    for header in (b"\xdd\xff\xff\xff\xff", b"\xdf\xff\xff\xff\xff", b"\xc6\xff\xff\xff\xff"):
        try:
            _codec().decode(header)
        except BridgeError as error:
            assert "not valid" in str(error) or error.code == "decode"
        else:
            raise AssertionError(f"{header!r} decoded")


def test_nan_survives() -> None:
    codec = _codec()
    assert math.isnan(codec.decode(codec.encode(float("nan"))))
