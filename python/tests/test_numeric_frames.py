from __future__ import annotations

import pytest

from snakepit_bridge import arrow, numeric_frames

numpy = pytest.importorskip("numpy")
pandas = pytest.importorskip("pandas")
pyarrow = pytest.importorskip("pyarrow")


def stream_of(table: object) -> bytes:
    return bytes(arrow.stream_of(table))


def tables() -> list[object]:
    rng = numpy.random.default_rng(2)
    named_columns = pandas.DataFrame(rng.random((30, 3)), columns=pandas.Index(["a", "b", "c"], name="measure"))
    with_attrs = pandas.DataFrame({"x": numpy.arange(4.0)})
    with_attrs.attrs = {"unit": "m", "nested": {"k": [1, 2]}}
    chunked = pyarrow.concat_tables(
        [
            pyarrow.table({"p": rng.random(7), "q": rng.random(7)}),
            pyarrow.table({"p": rng.random(5), "q": rng.random(5)}),
        ]
    )
    empty = pyarrow.table({"e": pyarrow.array([], type="float64")})
    with_empty_chunk = pyarrow.concat_tables([empty, pyarrow.table({"e": [1.5, 2.5]}), empty])
    return [
        pyarrow.Table.from_pandas(
            pandas.DataFrame(rng.random((100, 10)), columns=[str(column) for column in range(10)])
        ),
        pyarrow.table({"i": numpy.arange(20, dtype="int64"), "j": numpy.arange(20, dtype="int64") * -3}),
        pyarrow.table({"u": numpy.arange(9, dtype="uint16"), "v": numpy.arange(9, dtype="uint16")}),
        pyarrow.table({"f": numpy.arange(6, dtype="float32")}),
        pyarrow.Table.from_pandas(
            pandas.DataFrame({"v": numpy.arange(10.0)}, index=pandas.RangeIndex(5, 25, 2, name="row"))
        ),
        pyarrow.Table.from_pandas(named_columns),
        pyarrow.Table.from_pandas(with_attrs),
        pyarrow.table([rng.random(12), rng.random(12)], names=["d", "d"]),  # Arrow allows duplicate names
        chunked,
        with_empty_chunk,
        pyarrow.Table.from_pandas(pandas.DataFrame({"s": numpy.arange(50.0)})).slice(10, 20),
        pyarrow.table({"inf": [numpy.inf, -numpy.inf, numpy.nan]}),  # NaN is a value here, not a null
    ]


@pytest.mark.parametrize("table", tables())
def test_a_numeric_table_reads_as_exactly_what_to_pandas_gives(table: object) -> None:
    fast = numeric_frames.numeric_frame(table)
    assert fast is not None
    reference = table.to_pandas()
    pandas.testing.assert_frame_equal(fast, reference, check_exact=True, check_index_type=True, check_column_type=True)
    assert fast.columns.name == reference.columns.name
    assert fast.attrs == reference.attrs
    assert fast._mgr.nblocks == 1


def test_the_frame_is_writable_and_owns_its_memory() -> None:
    payload = bytearray(stream_of(pyarrow.table({"a": numpy.arange(5.0), "b": numpy.arange(5.0)})))
    frame = arrow.decode_dataframe(memoryview(payload))
    frame.iloc[0, 0] = 42.0
    frame.loc[1, "b"] = -1.0
    assert frame.iloc[0, 0] == 42.0
    payload[:] = bytes(len(payload))  # the sender reuses its buffer: the frame does not see it
    assert frame["a"].tolist() == [42.0, 1.0, 2.0, 3.0, 4.0]


def test_attrs_are_not_shared_between_frames_of_one_schema() -> None:
    source = pandas.DataFrame({"x": numpy.arange(3.0)})
    source.attrs = {"tags": ["a"]}
    table = pyarrow.Table.from_pandas(source)
    first = numeric_frames.numeric_frame(table)
    first.attrs["tags"].append("changed")
    assert numeric_frames.numeric_frame(table).attrs == {"tags": ["a"]}


def others() -> list[object]:
    rng = numpy.random.default_rng(3)
    return [
        pyarrow.table({"a": pyarrow.array([1.0, None, 3.0])}),  # a null
        pyarrow.table({"a": numpy.arange(3.0), "b": numpy.arange(3)}),  # two dtypes
        pyarrow.table({"b": [True, False]}),  # bools are bits in Arrow
        pyarrow.table({"s": ["x", "y"]}),
        pyarrow.Table.from_pandas(pandas.DataFrame({"a": [1.0, 2.0]}, index=["r", "s"])),  # the index is a column
        pyarrow.Table.from_pandas(pandas.DataFrame({"a": pandas.array([1, 2], dtype="Int64")})),  # nullable dtype
        pyarrow.table({"a": pyarrow.array([], type=pyarrow.float64())}),  # no rows
        pyarrow.table({"t": pyarrow.array(rng.integers(0, 10, 3), type=pyarrow.timestamp("ns"))}),
    ]


@pytest.mark.parametrize("table", others())
def test_any_other_table_is_left_to_to_pandas(table: object) -> None:
    assert numeric_frames.numeric_frame(table) is None
    pandas.testing.assert_frame_equal(arrow.decode_dataframe(stream_of(table)), table.to_pandas())


def test_templates_are_remembered_for_a_bounded_number_of_schemas() -> None:
    numeric_frames._templates.clear()
    for width in range(1, numeric_frames._TEMPLATES_KEPT + 6):
        numeric_frames.numeric_frame(pyarrow.table({str(column): numpy.arange(2.0) for column in range(width)}))
    assert len(numeric_frames._templates) == numeric_frames._TEMPLATES_KEPT
