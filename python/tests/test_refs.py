from __future__ import annotations

import pytest

from snakepit_bridge.errors import UnknownRefError
from snakepit_bridge.refs import RefRegistry


def test_register_get_release_count() -> None:
    registry = RefRegistry()
    first, second = object(), object()
    first_id = registry.register(first)
    second_id = registry.register(second)
    assert first_id != second_id
    assert registry.get(first_id) is first
    assert registry.count() == 2
    released, dropped = registry.release([first_id, "r-unknown"])
    assert released == 1 and dropped == [first]
    assert registry.count() == 1
    with pytest.raises(UnknownRefError, match="unknown ref"):
        registry.get(first_id)


def test_registering_the_same_object_counts_references() -> None:
    registry = RefRegistry()
    value = object()
    ref_id = registry.register(value)
    assert registry.register(value) == ref_id
    assert registry.release([ref_id]) == (1, [])
    assert registry.get(ref_id) is value
    assert registry.release([ref_id]) == (1, [value])
    assert registry.release([ref_id]) == (0, [])
