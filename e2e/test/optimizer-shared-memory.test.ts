import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { NDArray, type Snakepit } from "@snakepit/core";
import type { PythonWorkerPool } from "@snakepit/port-python";
import { disableSharedMemoryTransfers, enableSharedMemoryTransfers, sharedMemoryFolder } from "@snakepit/transport-grpc";
import type { Table } from "apache-arrow";
import { fixturesEnv } from "../support/fixtures.js";
import { startSnakepitOnPool } from "../support/pool.js";

/**
 * Files of a worker still lent out in any snakepit-* folder under /dev/shm (named
 * "<pid>-<n>.slot" or ".bin"); given-back ".free" files are kept for reuse.
 */
function filesOfWorkers(pids: readonly number[]): string[] {
  return readdirSync("/dev/shm").filter((name) => name.startsWith("snakepit-")).flatMap((folder) => {
    try {
      return lent(readdirSync(join("/dev/shm", folder))).filter((file) => pids.some((pid) => file.startsWith(`${pid}-`)));
    } catch {
      return [];
    }
  });
}

function lent(files: readonly string[]): string[] {
  return files.filter((file) => !file.endsWith(".free"));
}

setFlagsFromString("--expose-gc");
/** A full collection, so that results dropped by the test are seen as dropped (their memory may then be lent again). */
const collectGarbage = runInNewContext("gc") as () => void;

describe.skipIf(!existsSync("/dev/shm"))("the same-host fast path through /dev/shm, both ways", () => {
  let py: Snakepit;
  let pool: PythonWorkerPool;

  beforeAll(async () => {
    expect(enableSharedMemoryTransfers({ thresholdBytes: 1 << 20 })).toBe(true);
    ({ py, pool } = await startSnakepitOnPool("grpc-js", { env: { ...fixturesEnv, SNAKEPIT_SHARED_MEMORY: "1" } }));
  });
  afterAll(async () => {
    disableSharedMemoryTransfers();
    await py.close();
  });

  test("large arrays go to Python and come back intact, and no file is left behind", async () => {
    const before = lent(readdirSync(sharedMemoryFolder())).length;
    const values = Float64Array.from({ length: 1_000_000 }, (_, index) => index % 7);
    expect(await py.call("numpy.sum", [NDArray.from(values)])).toBe(values.reduce((sum, value) => sum + value, 0));
    const doubled = await py.call<NDArray>("numpy.multiply", [NDArray.from(values, [1_000, 1_000]), 2]);
    expect(doubled.shape).toEqual([1_000, 1_000]);
    expect(doubled.data[999_999]).toBe(values[999_999]! * 2);
    expect(lent(readdirSync(sharedMemoryFolder()))).toHaveLength(before);
    expect(filesOfWorkers(pool.pids)).toEqual([]);
  });

  test("a large result is backed by memory only it views, which no later result overwrites while a view of it lives", async () => {
    /** A 2 MB result of which only ten values are kept: the rest is garbage once this returns. */
    const tenOf = async (value: number) => {
      const result = await py.call<NDArray>("numpy.full", [[512, 512], value]);
      expect(result.data.buffer).toBeInstanceOf(SharedArrayBuffer);
      return (result.data as Float64Array).subarray(1_000, 1_010);
    };
    const kept = await tenOf(1.5);
    for (let round = 0; round < 40; round++) {
      collectGarbage();
      await nextTurn();
      expect(await tenOf(round + 0.25)).toEqual(new Float64Array(10).fill(round + 0.25));
    }
    expect(kept).toEqual(new Float64Array(10).fill(1.5));
  });

  test("a result in shared memory goes back to Python as an argument, through /dev/shm and through the socket", async () => {
    const result = await py.call<NDArray>("numpy.full", [[512, 512], 0.5]);
    expect(result.data.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(await py.call("numpy.sum", [result])).toBe(512 * 512 * 0.5);
    disableSharedMemoryTransfers();
    try {
      expect(await py.call("numpy.sum", [result])).toBe(512 * 512 * 0.5);
    } finally {
      enableSharedMemoryTransfers({ thresholdBytes: 1 << 20 });
    }
  });

  test("a large DataFrame round-trips through files as Arrow", async () => {
    const table = await py.pipeline((p) => p.call<Table>("pandas.DataFrame", [p.call("numpy.random.default_rng", [0]).call("random", [[200_000, 4]])], { columns: ["a", "b", "c", "d"] }));
    expect(table.numRows).toBe(200_000);
    const back = await py.call<Table>("pandas.DataFrame.copy", [table]);
    expect(back.numRows).toBe(200_000);
    expect(back.getChild("d")?.get(199_999)).toBe(table.getChild("d")?.get(199_999));
    expect(filesOfWorkers(pool.pids)).toEqual([]);
  });
});
