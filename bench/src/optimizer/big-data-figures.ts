import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { NDArray, type Snakepit } from "@snakepit/core";
import { disableSharedMemoryTransfers, enableSharedMemoryTransfers } from "@snakepit/transport-grpc";
import type { Table } from "apache-arrow";
import { alternatingRounds } from "../alternating-rounds.js";
import { medianTime } from "../scenarios.js";

/**
 * Median ms to sum 1e6 float64 in numpy with the array going through
 * /dev/shm, and through the socket; and the raw loop's sum (`rawArraySum`,
 * µs) measured in alternating rounds with the /dev/shm figure
 * (alternating-rounds.ts): against a reference taken a minute earlier, the
 * figure missed in 2 of 12 runs when the machine slowed down for large
 * copies in between (4–5 ms against 1.6–2.4 ms in the other ten).
 */
export async function sharedMemoryArrayMs(py: Snakepit, runs: number, rounds: number, rawArraySum: () => Promise<number>): Promise<{ sharedMs: number; socketMs: number; rawMs: number }> {
  const array = NDArray.from(Float64Array.from({ length: 1_000_000 }, (_, index) => index % 7));
  const socketMs = (await medianTime(() => py.call("numpy.sum", [array]), runs)) / 1000;
  const shared = async () => {
    if (!enableSharedMemoryTransfers({ thresholdBytes: 1 << 20 })) return Number.NaN;
    try {
      return (await medianTime(() => py.call("numpy.sum", [array]), runs)) / 1000;
    } finally {
      disableSharedMemoryTransfers();
    }
  };
  const { sharedMs, rawMs } = await alternatingRounds(rounds, { sharedMs: shared, rawMs: async () => (await rawArraySum()) / 1000 });
  return { sharedMs, socketMs, rawMs };
}

/**
 * Median ms of a 100k × 10 DataFrame round trip (Table → DataFrame → Table)
 * with the fast path (the runtime's default; the workers write large results
 * to /dev/shm) and through the socket, and of pyarrow's own IPC write + read.
 * The fast path and pyarrow alternate, `rounds` times, `runs` round trips each
 * (alternating-rounds.ts): measured once, a minute apart, pyarrow's figure
 * alone moved between 5 and 12 ms from run to run.
 */
export async function arrowRoundTripMs(py: Snakepit, pythonPath: string, benchDir: string, rounds: number, runs: number): Promise<{ roundTripMs: number; socketMs: number; pyarrowMs: number }> {
  const rows = 100_000;
  const columns = 10;
  const table = await py.pipeline((p) => {
    const values = p.call("numpy.random.default_rng", [0]).call("random", [[rows, columns]]);
    const frame = p.call("pandas.DataFrame", [values], { columns: Array.from({ length: columns }, (_, index) => String(index)) });
    return p.call<Table>("pandas.DataFrame.copy", [frame]);
  });
  if (table.numRows !== rows) throw new Error(`the DataFrame came back with ${table.numRows} rows`);
  const roundTrip = () => py.call<Table>("pandas.DataFrame.copy", [table]);
  const socketMs = (await medianTime(roundTrip, runs)) / 1000;
  const fastPath = async () => {
    enableSharedMemoryTransfers({ thresholdBytes: 1 << 20 });
    try {
      return (await medianTime(roundTrip, runs)) / 1000;
    } finally {
      disableSharedMemoryTransfers();
    }
  };
  const pyarrow = async () => {
    const baseline = spawnSync(pythonPath, [join(benchDir, "python", "arrow_baseline.py"), String(rows), String(columns), String(runs)], { encoding: "utf8" });
    if (baseline.status !== 0) throw new Error(`arrow_baseline.py failed: ${baseline.stderr}`);
    return Number(baseline.stdout.trim());
  };
  const { roundTripMs, pyarrowMs } = await alternatingRounds(rounds, { roundTripMs: fastPath, pyarrowMs: pyarrow });
  return { roundTripMs, socketMs, pyarrowMs };
}
