"""Writes proto/codec-vectors.json from the values below, encoded by this bridge's codec.

    ../.venv-dev/bin/python tools/write_codec_vectors.py

Each vector is {"name", "hex", "value_json"}; value_json describes the expected value in
a small tagged JSON language both test suites understand (see python/README.md):
{"type": "int", "value": 1}, {"type": "bigint", "value": "18446744073709551617"},
{"type": "list", "items": [...]}, {"type": "map", "entries": [[k, v], ...]}, ...
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from typing import Any

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

import numpy  # noqa: E402

from snakepit_bridge.codec import Codec, ResultMode  # noqa: E402
from snakepit_bridge.refs import RefRegistry  # noqa: E402

UTC = datetime.timezone.utc
REF_TARGET = object()  # the object behind the ref vector, registered first as "r1"


def vectors() -> list[tuple[str, Any, dict[str, Any]]]:
    def integer(value: int) -> dict[str, Any]:
        return {"type": "int", "value": value}

    return [
        ("nil", None, {"type": "nil"}),
        ("true", True, {"type": "bool", "value": True}),
        ("int small", 1, integer(1)),
        ("int negative", -200, integer(-200)),
        ("int max safe", 2**53 - 1, integer(2**53 - 1)),
        ("int min safe", -(2**53 - 1), integer(-(2**53 - 1))),
        ("bigint above max safe", 2**53, {"type": "bigint", "value": str(2**53)}),
        ("bigint beyond uint64", 2**64 + 1, {"type": "bigint", "value": str(2**64 + 1)}),
        ("bigint negative", -(2**70), {"type": "bigint", "value": str(-(2**70))}),
        ("float", 1.5, {"type": "float", "value": 1.5}),
        ("float negative fraction", -0.1, {"type": "float", "value": -0.1}),
        ("str", "héllo", {"type": "str", "value": "héllo"}),
        ("bin", b"\x00\x01\xff", {"type": "bin", "hex": "0001ff"}),
        ("list", [1, "a", None],
         {"type": "list", "items": [integer(1), {"type": "str", "value": "a"}, {"type": "nil"}]}),
        ("dict", {"a": 1, "b": [True]}, {"type": "dict", "entries": {
            "a": integer(1), "b": {"type": "list", "items": [{"type": "bool", "value": True}]}}}),
        ("Map with int keys", {1: "one", 2: "two"}, {"type": "map", "entries": [
            [integer(1), {"type": "str", "value": "one"}], [integer(2), {"type": "str", "value": "two"}]]}),
        ("tuple", (1, "x"), {"type": "tuple", "items": [integer(1), {"type": "str", "value": "x"}]}),
        ("set", {1, 2, 3}, {"type": "set", "items": [integer(1), integer(2), integer(3)]}),
        ("datetime whole seconds", datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC),
         {"type": "datetime", "iso": "2024-01-02T03:04:05.000Z"}),
        ("datetime milliseconds", datetime.datetime(2024, 1, 2, 3, 4, 5, 678000, tzinfo=UTC),
         {"type": "datetime", "iso": "2024-01-02T03:04:05.678Z"}),
        ("ndarray float64 2x2", numpy.array([[1.0, 2.0], [3.0, 4.5]]),
         {"type": "ndarray", "dtype": "float64", "shape": [2, 2], "data": [1.0, 2.0, 3.0, 4.5]}),
        ("ndarray int32", numpy.array([1, -2, 3], dtype=numpy.int32),
         {"type": "ndarray", "dtype": "int32", "shape": [3], "data": [1, -2, 3]}),
        ("ndarray bool 0-d", numpy.array(True), {"type": "ndarray", "dtype": "bool", "shape": [], "data": [True]}),
        ("ref", REF_TARGET, {"type": "ref", "id": "r1", "pythonType": "object"}),
    ]  # fmt: skip


def main() -> None:
    codec = Codec(RefRegistry())
    records = [
        {"name": name, "hex": codec.encode(value, ResultMode.AUTO).hex(), "value_json": description}
        for name, value, description in vectors()
    ]
    target = os.path.join(os.path.dirname(__file__), "..", "..", "proto", "codec-vectors.json")
    with open(target, "w", encoding="utf-8") as file:
        json.dump(records, file, indent=2, ensure_ascii=False)
        file.write("\n")
    print(f"wrote {len(records)} vectors to {os.path.normpath(target)}")


if __name__ == "__main__":
    main()
