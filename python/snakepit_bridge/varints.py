"""Protobuf base-128 varints, for the messages read and written by hand (big_frames.py, callback_wire.py)."""

from __future__ import annotations


class VarintError(ValueError):
    """The bytes end inside a varint, or it is longer than 64 bits: let protobuf read the message."""


def read_varint(data: bytes | bytearray | memoryview, position: int) -> tuple[int, int]:
    """The varint at ``position`` and the position after it."""
    result = 0
    shift = 0
    while True:
        if position >= len(data) or shift > 63:
            raise VarintError
        byte = data[position]
        position += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, position
        shift += 7


def write_varint(value: int) -> bytes:
    """The varint of a non-negative ``value``."""
    if value < 0x80:
        return bytes((value,))
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)
