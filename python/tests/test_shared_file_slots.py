from __future__ import annotations

import gc
import os
import tempfile
from collections.abc import Iterator

import numpy
import pytest

from snakepit_bridge import shared_file_slots

pytestmark = pytest.mark.skipif(not os.path.isdir("/dev/shm"), reason="no /dev/shm on this host")


@pytest.fixture
def folder(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setattr(shared_file_slots, "_slots", [])
    monkeypatch.setattr(shared_file_slots, "_one_shot", {})
    path = tempfile.mkdtemp(prefix="snakepit-", dir="/dev/shm")
    yield path
    for name in os.listdir(path):
        os.unlink(os.path.join(path, name))
    os.rmdir(path)


def floats(*values: float) -> memoryview:
    return memoryview(numpy.array(values, dtype="<f8")).cast("B")


def test_a_slot_an_array_still_views_is_never_overwritten(folder: str) -> None:
    first = shared_file_slots.write(folder, [floats(1, 2, 3)])
    held = numpy.frombuffer(shared_file_slots.map_file(first), dtype="<f8")
    second = shared_file_slots.write(folder, [floats(7, 8, 9)])
    assert second != first
    assert held.tolist() == [1, 2, 3]
    del held
    gc.collect()
    # Given back once nothing views the mapping: the next write reuses it in place.
    assert os.path.exists(first[: -len(".slot")] + ".free")
    assert shared_file_slots.write(folder, [floats(4, 5)]) == first
    assert numpy.fromfile(first, dtype="<f8").tolist() == [4, 5]


def test_a_copied_out_slot_is_reused_and_resized_to_the_new_payload(folder: str) -> None:
    path = shared_file_slots.write(folder, [b"abc", floats(1, 2)])
    shared_file_slots.release(path)
    assert shared_file_slots.write(folder, [b"xy"]) == path
    with open(path, "rb") as file:
        assert file.read() == b"xy"
    assert shared_file_slots.slot_count() == 1


def test_payloads_too_large_for_a_slot_get_one_shot_files(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shared_file_slots, "_MAX_SLOT_BYTES", 8)
    path = shared_file_slots.write(folder, [floats(1, 2)])
    assert path.endswith(".bin")
    assert numpy.frombuffer(shared_file_slots.map_file(path), dtype="<f8").tolist() == [1, 2]
    assert not os.path.exists(path)
    assert shared_file_slots.slot_count() == 0


def test_slots_never_returned_are_removed_after_the_idle_limit(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    abandoned = shared_file_slots.write(folder, [floats(1)])
    monkeypatch.setattr(shared_file_slots, "_IDLE_AFTER_SECONDS", -1.0)
    fresh = shared_file_slots.write(folder, [floats(2)])
    assert not os.path.exists(abandoned)
    assert os.listdir(folder) == [os.path.basename(fresh)]


def test_a_stream_written_into_a_reused_slot_has_exactly_its_size(folder: str) -> None:
    pyarrow = pytest.importorskip("pyarrow")
    path = shared_file_slots.write(folder, [bytes(64)])
    shared_file_slots.release(path)
    assert shared_file_slots.write_into(folder, 5, lambda sink: sink.write(b"hello")) == path
    with open(path, "rb") as file:
        assert file.read() == b"hello"
    shared_file_slots.release(path)
    table = pyarrow.table({"a": [1.5, 2.5]})
    sink = pyarrow.MockOutputStream()
    with pyarrow.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)

    def fill(target: object) -> None:
        with pyarrow.ipc.new_stream(target, table.schema) as writer:
            writer.write_table(table)

    assert shared_file_slots.write_into(folder, sink.size(), fill) == path
    assert pyarrow.ipc.open_stream(pyarrow.memory_map(path)).read_all().equals(table)


def test_the_writable_mapping_is_reused_for_a_result_of_the_same_size_only(folder: str) -> None:
    pytest.importorskip("pyarrow")
    path = shared_file_slots.write_into(folder, 5, lambda sink: sink.write(b"first"))
    (slot,) = shared_file_slots._slots  # noqa: SLF001
    mapping = slot.mapping
    assert mapping is not None
    shared_file_slots.release(path)
    assert shared_file_slots.write_into(folder, 5, lambda sink: sink.write(b"again")) == path
    assert slot.mapping is mapping
    with open(path, "rb") as file:
        assert file.read() == b"again"
    # write() resizes the slot: the next write_into of that size must not use the 5-byte mapping.
    shared_file_slots.release(path)
    assert shared_file_slots.write(folder, [b"ab"]) == path
    shared_file_slots.release(path)
    assert shared_file_slots.write_into(folder, 2, lambda sink: sink.write(b"cd")) == path
    assert slot.mapping is not mapping and slot.mapping is not None and len(slot.mapping) == 2
    assert mapping.closed
    with open(path, "rb") as file:
        assert file.read() == b"cd"


def test_a_swept_slot_lets_its_writable_mapping_go(folder: str, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    shared_file_slots.write_into(folder, 4, lambda sink: sink.write(b"data"))
    (slot,) = shared_file_slots._slots  # noqa: SLF001
    mapping = slot.mapping
    assert mapping is not None
    monkeypatch.setattr(shared_file_slots, "_IDLE_AFTER_SECONDS", -1.0)
    shared_file_slots.write(folder, [b"other"])
    assert mapping.closed and slot.mapping is None


def test_the_mapping_is_kept_for_the_next_transfer_and_derived_views_keep_the_slot_lent(
    folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shared_file_slots, "_mappings", {})
    path = shared_file_slots.write(folder, [floats(1, 2, 3, 4)])
    column = numpy.frombuffer(shared_file_slots.map_file(path), dtype="<f8").reshape(2, 2)[:, 1]
    mapping = shared_file_slots._mappings[path][1]
    gc.collect()
    assert os.path.exists(path)  # the derived view still reads the slot
    assert column.tolist() == [2, 4]
    del column
    gc.collect()
    assert shared_file_slots.write(folder, [floats(5, 6, 7, 8)]) == path
    again = numpy.frombuffer(shared_file_slots.map_file(path), dtype="<f8")
    assert shared_file_slots._mappings[path][1] is mapping
    assert again.tolist() == [5, 6, 7, 8]
    del again
    gc.collect()
    # Another size: the file is mapped afresh.
    assert shared_file_slots.write(folder, [floats(9)]) == path
    assert numpy.frombuffer(shared_file_slots.map_file(path), dtype="<f8").tolist() == [9]
    assert shared_file_slots._mappings[path][1] is not mapping


def test_a_slot_too_large_to_keep_mapped_is_still_given_back_only_when_unused(
    folder: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = shared_file_slots.write(folder, [floats(1, 2)])
    monkeypatch.setattr(shared_file_slots, "_MAX_SLOT_BYTES", 8)
    held = numpy.frombuffer(shared_file_slots.map_file(path), dtype="<f8")
    gc.collect()
    assert os.path.exists(path)
    assert held.tolist() == [1, 2]
    del held
    gc.collect()
    assert not os.path.exists(path)
