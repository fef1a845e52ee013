"""ext 8 of the codec: pandas DataFrames as an Arrow IPC stream, in both directions.

A DataFrame result leaves as the bytes of one Arrow IPC stream (schema, then record
batches), which TypeScript reads with ``apache-arrow`` as a ``Table``; a Table sent from
TypeScript arrives here as a DataFrame. Columns keep their dtypes: int64, float64,
bool, strings, ``datetime64[ns]`` (Arrow timestamp[ns]) and categoricals (Arrow
dictionary); the index and other pandas details travel in the schema's pandas metadata.

pyarrow and pandas are optional (``snakepit-bridge[arrow]``) and imported only when a
DataFrame is encoded or an ext 8 value is decoded. Without pyarrow, a DataFrame result
stays in Python as a remote ref, as before.

    payload = encode_dataframe(frame)   # a memoryview of the stream; None without pyarrow or for odd columns
    decode_dataframe(payload)           # the DataFrame again
"""

from __future__ import annotations

import importlib.util
import mmap
import sys
from typing import Any

from .errors import DecodeError
from .numeric_frames import numeric_frame

ARROW_EXT = 8

_pyarrow_available: bool | None = None


def is_dataframe(value: Any) -> bool:
    """True for pandas DataFrames; never imports pandas (no pandas loaded means no DataFrames exist)."""
    pandas = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)


def available() -> bool:
    """Whether pyarrow can be imported in this worker (checked once, without importing it)."""
    global _pyarrow_available
    if _pyarrow_available is None:
        _pyarrow_available = importlib.util.find_spec("pyarrow") is not None
    return _pyarrow_available


def encode_dataframe(frame: Any) -> memoryview | None:
    """The Arrow IPC stream of ``frame``, or None when it cannot travel as Arrow (the caller keeps a ref)."""
    table = to_table(frame)
    return None if table is None else stream_of(table)


def to_table(frame: Any) -> Any | None:
    """``frame`` as a pyarrow Table, or None without pyarrow or when a column cannot be Arrow."""
    if not available():
        return None
    import pyarrow

    try:
        table = _numeric_table(frame)
        return pyarrow.Table.from_pandas(frame) if table is None else table
    except (pyarrow.ArrowInvalid, pyarrow.ArrowTypeError, pyarrow.ArrowNotImplementedError, TypeError, ValueError):
        # Mixed-type object columns and the like: such a frame stays in Python.
        return None


def stream_of(table: Any) -> memoryview:
    """The table's Arrow IPC stream as one buffer."""
    import pyarrow

    sink = pyarrow.BufferOutputStream()
    write_stream(table, sink)
    return memoryview(sink.getvalue())


def stream_size(table: Any) -> int:
    """The byte length of the table's IPC stream, found without writing (or copying) it."""
    import pyarrow

    sink = pyarrow.MockOutputStream()
    write_stream(table, sink)
    return int(sink.size())


def write_stream(table: Any, sink: Any) -> None:
    """Writes the table's IPC stream (schema, batches, end marker) to a pyarrow output stream."""
    import pyarrow

    with pyarrow.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)


def _numeric_table(frame: Any) -> Any | None:
    """``pyarrow.Table.from_pandas(frame)`` without its copy, for the common frame; None for any other.

    from_pandas copies every float column while turning NaN into null (7 ms of the 8 ms it
    takes for 100k x 10 float64). A column with no NaN needs no null mask, so it is wrapped
    as it is (zero copy); columns with NaN still get from_pandas' conversion. Only frames
    with a RangeIndex, unique string column names and numpy numeric or bool columns take
    this path; the schema (and its pandas metadata) is the one from_pandas would build.
    """
    import numpy
    import pandas
    import pyarrow

    index = frame.index
    if type(index) is not pandas.RangeIndex or not frame.columns.is_unique:
        return None
    arrays = []
    dtypes = []
    for name, series in frame.items():
        dtype = series.dtype
        if not isinstance(name, str) or not isinstance(dtype, numpy.dtype) or dtype.kind not in "fiub":
            return None
        values = series.to_numpy()
        # numpy's max is NaN when any value is (one vectorized pass; about half the time of a sum).
        with numpy.errstate(invalid="ignore"):
            has_nan = dtype.kind == "f" and values.size > 0 and bool(numpy.isnan(values.max()))
        arrays.append(pyarrow.array(values, from_pandas=has_nan))
        dtypes.append(dtype)
    schema = _schema_of(frame, index, dtypes)
    if len(schema) != len(arrays) or any(field.type != array.type for field, array in zip(schema, arrays, strict=True)):
        return None
    return pyarrow.Table.from_arrays(arrays, schema=schema)


def _schema_of(frame: Any, index: Any, dtypes: list[Any]) -> Any:
    """``pyarrow.Schema.from_pandas(frame)``, remembered for frames of the same shape.

    Building it (with its pandas metadata) took ≈ 0.9 ms for 10 columns, on every result.
    For the frames ``_numeric_table`` takes, the schema depends only on what the key holds:
    column names and dtypes, the RangeIndex, the columns' own name and dtype. A frame with
    ``attrs`` (they go into the metadata) is never cached.
    """
    import pyarrow

    if frame.attrs:
        return pyarrow.Schema.from_pandas(frame)
    columns = frame.columns
    key = (tuple(columns), tuple(dtypes), index.start, index.stop, index.step, index.name, columns.name, columns.dtype)
    schema = _schemas.get(key)
    if schema is None:
        schema = pyarrow.Schema.from_pandas(frame)
        if len(_schemas) >= _SCHEMAS_KEPT:
            _schemas.pop(next(iter(_schemas)))
        _schemas[key] = schema
    return schema


# Schemas of recent numeric frames (oldest first): a worker returning frames in a loop
# returns a few shapes again and again.
_SCHEMAS_KEPT = 32
_schemas: dict[tuple[Any, ...], Any] = {}


def decode_dataframe(payload: bytes | memoryview | mmap.mmap) -> Any:
    """The DataFrame of an Arrow IPC stream; the columns view the payload where Arrow allows it."""
    if not available():
        raise DecodeError(
            "the arguments hold an Arrow table (ext 8) but pyarrow is not installed in this worker; "
            'add "pyarrow>=14" to the environment (snakepit-bridge[arrow])'
        )
    import pyarrow

    try:
        table = pyarrow.ipc.open_stream(pyarrow.py_buffer(payload)).read_all()
    except (pyarrow.ArrowException, OSError) as error:  # damaged streams raise either, depending on where they break
        raise DecodeError(f"ext 8 (Arrow) is not a valid Arrow IPC stream: {error}") from error
    # The common argument, numbers of one dtype without nulls, is copied by numpy (numeric_frames.py).
    frame = numeric_frame(table)
    if frame is not None:
        return frame
    # One thread: pyarrow's pool hands columns to other threads, and on a machine whose
    # cores Node and the other workers keep busy the hand-offs cost more than they save
    # (100k x 10 float64 with one core busy: 2.2 ms threaded, 1.4 ms on this thread).
    return _restore_object_columns(table.to_pandas(use_threads=False), table.schema.pandas_metadata)


def _restore_object_columns(frame: Any, metadata: dict[str, Any] | None) -> Any:
    """Columns that were ``object`` in the sender's frame become ``object`` again.

    pandas 3 reads Arrow strings as its ``str`` dtype whatever the schema's pandas
    metadata says; a frame that went out with object strings must come back with them.
    """
    if not metadata:
        return frame
    for column in metadata.get("columns", []):
        name = column.get("name")
        if column.get("numpy_type") == "object" and name in frame.columns and frame[name].dtype != object:
            frame[name] = frame[name].astype(object)
    return frame
