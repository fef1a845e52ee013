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
    if not available():
        return None
    import pyarrow

    try:
        table = pyarrow.Table.from_pandas(frame)
    except (pyarrow.ArrowInvalid, pyarrow.ArrowTypeError, pyarrow.ArrowNotImplementedError, TypeError, ValueError):
        # Mixed-type object columns and the like: such a frame stays in Python.
        return None
    sink = pyarrow.BufferOutputStream()
    with pyarrow.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return memoryview(sink.getvalue())


def decode_dataframe(payload: bytes | mmap.mmap) -> Any:
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
    return _restore_object_columns(table.to_pandas(), table.schema.pandas_metadata)


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
