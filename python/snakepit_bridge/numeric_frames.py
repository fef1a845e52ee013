"""An Arrow table of one numeric dtype read as a DataFrame with one copy: what ``to_pandas`` gives, faster.

``table.to_pandas()`` of a 100k x 10 float64 table (the common DataFrame argument) takes
1.4-2.3 ms on this machine: it converts column by column into the frame's 2-D block.
Copying the same bytes with numpy takes 0.2-0.4 ms. For a table whose columns all share
one integer or floating dtype and hold no nulls, ``numeric_frame`` allocates the block
itself, copies each column's buffer into its row with numpy, and wraps the block as the
DataFrame (no second copy). The frame is writable and owns its memory (the Arrow
buffers, perhaps a shared-memory mapping, are not referenced afterwards).

Everything else about the frame comes from what ``to_pandas`` builds for the same
schema with no rows (the columns Index with its name and dtype, the dtypes, ``attrs``),
remembered per schema, and the index from the pandas metadata the way pyarrow restores a
RangeIndex. Any other table (nulls, mixed dtypes, bools, strings, an index stored as a
column, extension dtypes) returns None and takes ``to_pandas``.

    frame = numeric_frame(table)        # None: use table.to_pandas()
"""

from __future__ import annotations

import copy
from typing import Any

# Empty frames of recent schemas (oldest first): a worker called in a loop sees a few schemas again and again.
_TEMPLATES_KEPT = 32
_templates: dict[tuple[Any, ...], Any] = {}


def numeric_frame(table: Any) -> Any | None:
    """``table.to_pandas()`` for a non-empty table of one integer or floating dtype without nulls; else None."""
    import numpy
    import pandas
    import pyarrow
    import pyarrow.types as types

    rows = table.num_rows
    if not rows or not table.num_columns:
        return None
    arrow_type = table.schema.types[0]
    if not (types.is_integer(arrow_type) or types.is_floating(arrow_type)):
        return None
    if any(other != arrow_type for other in table.schema.types) or any(column.null_count for column in table.columns):
        return None
    template = _template(table)
    dtype = numpy.dtype(arrow_type.to_pandas_dtype())
    if (
        template is None
        or len(template.columns) != table.num_columns
        or any(column_dtype != dtype for column_dtype in template.dtypes)
    ):
        return None  # the metadata asks for other dtypes (nullable Int64, say): to_pandas knows how
    index = _index(table.schema.pandas_metadata, rows)
    if index is None:
        return None
    # pandas keeps a 2-D block as (columns, rows): each column is one contiguous row of it.
    # The memory comes from pyarrow's pool, as to_pandas' does: it keeps freed memory for
    # the next frame, where numpy's malloc hands 8 MB back to the kernel and faults it in
    # again next time (2-4 ms a frame here).
    memory = pyarrow.allocate_buffer(table.num_columns * rows * dtype.itemsize)
    block = numpy.frombuffer(memory, dtype=dtype).reshape(table.num_columns, rows)
    for position, column in enumerate(table.columns):
        start = 0
        for chunk in column.chunks:
            length = len(chunk)
            if not length:
                continue  # an empty batch (a concatenation's) may carry no data buffer at all
            block[position, start : start + length] = numpy.frombuffer(
                chunk.buffers()[1], dtype=dtype, count=length, offset=chunk.offset * dtype.itemsize
            )
            start += length
    frame = pandas.DataFrame(block.T, index=index, columns=template.columns, copy=False)
    if template.attrs:
        frame.attrs = copy.deepcopy(template.attrs)
    return frame


def _template(table: Any) -> Any | None:
    """``to_pandas()`` of the table's schema with no rows, remembered per schema; None when to_pandas fails."""
    schema = table.schema
    metadata = schema.metadata or {}
    key = (tuple(schema.names), tuple(str(field_type) for field_type in schema.types), metadata.get(b"pandas"))
    template = _templates.get(key)
    if template is None:
        try:
            template = table.slice(0, 0).to_pandas()
        except Exception:  # noqa: BLE001 - whatever to_pandas dislikes, it reports itself on the slow path
            return None
        if len(_templates) >= _TEMPLATES_KEPT:
            _templates.pop(next(iter(_templates)))
        _templates[key] = template
    return template


def _index(metadata: dict[str, Any] | None, rows: int) -> Any | None:
    """The RangeIndex to_pandas restores (pyarrow's ``_reconstruct_index``); None for any other index."""
    import pandas

    descriptors = (metadata or {}).get("index_columns", [])
    if not descriptors:
        return pandas.RangeIndex(rows)
    if len(descriptors) != 1 or not isinstance(descriptors[0], dict) or descriptors[0].get("kind") != "range":
        return None
    descriptor = descriptors[0]
    index = pandas.RangeIndex(descriptor["start"], descriptor["stop"], descriptor["step"], name=descriptor["name"])
    # pyarrow drops a range that does not fit the rows (a sliced table's metadata) for a plain one.
    return index if len(index) == rows else pandas.RangeIndex(rows)
