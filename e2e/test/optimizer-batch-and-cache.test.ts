import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createSnakepit, PythonError, type Snakepit } from "@snakepit/core";
import { InMemoryCache } from "@snakepit/core/testing";
import { TransportIntrospector, type PythonWorkerPool } from "@snakepit/port-python";
import { fixturesEnv, scratchFolder } from "../support/fixtures.js";
import { startPool } from "../support/pool.js";
import { RecordingTransport } from "../support/recording-transport.js";

describe("batching and caching against real workers", () => {
  let pool: PythonWorkerPool;
  let transport: RecordingTransport;
  let py: Snakepit;

  beforeAll(async () => {
    pool = await startPool("grpc-js", { env: fixturesEnv });
    transport = new RecordingTransport(pool);
    py = createSnakepit({ transport, introspector: new TransportIntrospector(pool), cache: new InMemoryCache() });
  });
  afterAll(async () => {
    await py.close();
  });

  test("a batch of 1,000 calls with 3 failing returns 997 results and 3 typed errors", async () => {
    const failing = new Set([7, 500, 993]);
    const outcomes = await py.batch(Array.from({ length: 1_000 }, (_, index) => ({ path: "math.sqrt", args: [failing.has(index) ? -1 : index * index] })));
    const fulfilled = outcomes.flatMap((outcome, index) => (outcome.status === "fulfilled" ? [[index, outcome.value]] : []));
    const rejected = outcomes.flatMap((outcome, index) => (outcome.status === "rejected" ? [[index, outcome.reason]] : []));
    expect(fulfilled).toHaveLength(997);
    expect(fulfilled.every(([index, value]) => value === index)).toBe(true);
    expect(rejected.map(([index]) => index)).toEqual([7, 500, 993]);
    for (const [, reason] of rejected) {
      expect(reason).toBeInstanceOf(PythonError);
      expect((reason as PythonError).pythonType).toBe("ValueError");
    }
  });

  test("100 identical concurrent calls of a pure function run once in Python", async () => {
    const log = join(await scratchFolder(), "calls.log");
    const before = { ...py.cacheStats };
    const results = await Promise.all(Array.from({ length: 100 }, () => py.call<number>("optimizer_fixtures.counted_square", [12, log], {}, { pure: true })));
    expect(new Set(results)).toEqual(new Set([144]));
    expect((await readFile(log, "utf8")).trim().split("\n")).toHaveLength(1);
    expect(py.cacheStats.misses - before.misses).toBe(1);
    expect(py.cacheStats.joined - before.joined).toBe(99);
    // Later identical calls are hits, still without Python.
    expect(await py.call("optimizer_fixtures.counted_square", [12, log], {}, { pure: true })).toBe(144);
    expect((await readFile(log, "utf8")).trim().split("\n")).toHaveLength(1);
  });

  test("coalescing: 64 calls of one path issued in one tick reach the pool as one batch (one MAP call), each with its own result", async () => {
    transport.reset();
    const results = await Promise.allSettled(Array.from({ length: 64 }, (_, index) => py.call("math.sqrt", [index === 10 ? -1 : index], {}, { coalesce: true })));
    expect(transport.counts).toEqual({ call: 0, batch: 1, stream: 0 });
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(63);
    expect(results[10]?.status === "rejected" && (results[10].reason as PythonError).pythonType).toBe("ValueError");
  });

  test("coalescing: calls of mixed paths in one tick travel as one pipeline request, each with its own result", async () => {
    transport.reset();
    const paths = ["math.sqrt", "math.floor", "math.fabs"];
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, index) => py.call(paths[index % 3] ?? "", [index === 3 ? -1 : index + 0.5], {}, { coalesce: true })));
    expect(transport.counts).toEqual({ call: 1, batch: 0, stream: 0 });
    expect(transport.targets).toEqual(["snakepit_bridge.pipeline.run"]);
    expect(results.map((result) => (result.status === "fulfilled" ? result.value : (result.reason as PythonError).pythonType))).toEqual([Math.sqrt(0.5), 1, 2.5, "ValueError", 4, 5.5]);
  });
});
