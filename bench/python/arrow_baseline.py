"""pyarrow's own IPC write + read of a DataFrame, in one process: the floor for the Arrow
round trip figure. Prints the median milliseconds of ``runs`` runs as one number.

Each run does what a Snakepit round trip of a DataFrame does besides moving bytes:
DataFrame → Arrow table → IPC stream bytes, then bytes → table → DataFrame.

    python arrow_baseline.py 100000 10 15
"""

from __future__ import annotations

import statistics
import sys
import time

import numpy
import pandas
import pyarrow


def round_trip(frame: pandas.DataFrame) -> pandas.DataFrame:
    sink = pyarrow.BufferOutputStream()
    table = pyarrow.Table.from_pandas(frame)
    with pyarrow.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return pyarrow.ipc.open_stream(sink.getvalue()).read_all().to_pandas()


def main() -> None:
    rows, columns, runs = (int(argument) for argument in sys.argv[1:4])
    frame = pandas.DataFrame(numpy.random.default_rng(0).random((rows, columns)))
    frame.columns = [str(column) for column in frame.columns]
    for _ in range(2):
        round_trip(frame)
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        round_trip(frame)
        samples.append((time.perf_counter() - started) * 1000)
    print(statistics.median(samples))


if __name__ == "__main__":
    main()
