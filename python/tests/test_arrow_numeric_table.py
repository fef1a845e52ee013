from __future__ import annotations

import pytest

from snakepit_bridge import arrow

numpy = pytest.importorskip("numpy")
pandas = pytest.importorskip("pandas")
pyarrow = pytest.importorskip("pyarrow")


def frames() -> list[object]:
    rng = numpy.random.default_rng(1)
    with_nan = rng.random(50)
    with_nan[[3, 17]] = numpy.nan
    return [
        pandas.DataFrame({"a": rng.random(50), "b": numpy.arange(50), "c": rng.random(50) > 0.5}),
        pandas.DataFrame({"x": with_nan, "y": numpy.arange(50, dtype="float32"), "z": numpy.arange(50, dtype="uint8")}),
        pandas.DataFrame({"v": numpy.arange(10.0)}, index=pandas.RangeIndex(5, 25, 2, name="row")),
        pandas.DataFrame({"inf": [numpy.inf, -numpy.inf, 1.0]}),
        pandas.DataFrame(
            {"tail": [1.0, 2.0, numpy.nan], "neg": [-numpy.inf, numpy.nan, 0.0], "f4": numpy.float32([numpy.nan] * 3)}
        ),
        pandas.DataFrame(rng.random((20, 4)), columns=["0", "1", "2", "3"]),
    ]


@pytest.mark.parametrize("frame", frames())
def test_the_zero_copy_table_equals_from_pandas_schema_metadata_and_nulls(frame: object) -> None:
    fast = arrow._numeric_table(frame)
    assert fast is not None
    reference = pyarrow.Table.from_pandas(frame)
    assert fast.schema.equals(reference.schema, check_metadata=True)
    assert fast.equals(reference)
    assert [column.null_count for column in fast.columns] == [column.null_count for column in reference.columns]
    pandas.testing.assert_frame_equal(fast.to_pandas(), frame)


def test_frames_it_does_not_cover_are_left_to_from_pandas() -> None:
    assert arrow._numeric_table(pandas.DataFrame({"a": [1.0]}, index=["r"])) is None
    assert arrow._numeric_table(pandas.DataFrame({"s": ["x"]})) is None
    assert arrow._numeric_table(pandas.DataFrame({1: [1.0]})) is None
    assert arrow._numeric_table(pandas.DataFrame([[1.0, 2.0]], columns=["a", "a"])) is None
    assert arrow._numeric_table(pandas.DataFrame({"t": pandas.to_datetime(["2026-01-01"])})) is None


def test_a_float_column_with_nan_still_arrives_as_null() -> None:
    table = arrow._numeric_table(pandas.DataFrame({"x": [1.0, numpy.nan]}))
    assert table is not None
    assert table.column("x").null_count == 1


def test_a_remembered_schema_is_the_one_from_pandas_builds_for_that_frame() -> None:
    arrow._schemas.clear()
    rng = numpy.random.default_rng(2)
    variants = [
        pandas.DataFrame(rng.random((4, 2)), columns=["a", "b"]),
        pandas.DataFrame(rng.random((4, 2)), columns=["a", "b"]),  # same shape: served from memory
        pandas.DataFrame(rng.random((6, 2)), columns=["a", "b"]),  # another length: its own RangeIndex stop
        pandas.DataFrame(rng.random((4, 2)), columns=["a", "c"]),
        pandas.DataFrame(rng.random((4, 2)).astype("float32"), columns=["a", "b"]),
        pandas.DataFrame({"a": rng.random(4), "b": rng.random(4)}, index=pandas.RangeIndex(1, 5, name="n")),
    ]
    for frame in variants:
        fast = arrow._numeric_table(frame)
        assert fast is not None
        assert fast.schema.equals(pyarrow.Schema.from_pandas(frame), check_metadata=True)
    assert len(arrow._schemas) == 5
    with_attrs = pandas.DataFrame(rng.random((4, 2)), columns=["a", "b"])
    with_attrs.attrs["unit"] = "m"
    fast = arrow._numeric_table(with_attrs)
    assert fast is not None and fast.schema.pandas_metadata["attributes"] == {"unit": "m"}
    assert len(arrow._schemas) == 5
