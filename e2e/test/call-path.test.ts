import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { kw, NDArray, PythonError, TimeoutError, type Kwargs, type Snakepit } from "@snakepit/core";
import type { PythonWorkerPool } from "@snakepit/port-python";
import { startSnakepitOnPool, type TransportKind } from "../support/pool.js";

describe.each<TransportKind>(["grpc-js", "connect"])("the call path over %s, real workers", (kind) => {
  let py: Snakepit;
  let pool: PythonWorkerPool;

  beforeAll(async () => {
    ({ py, pool } = await startSnakepitOnPool(kind));
  });
  afterAll(async () => {
    await py.close();
  });

  test("standard library functions", async () => {
    expect(await py.call("math.sqrt", [2])).toBeCloseTo(Math.SQRT2, 12);
    expect(await py.call("statistics.mean", [[1, 2, 3, 4]])).toBe(2.5);
    const json = py.module<{ dumps(value: unknown, options: Kwargs): Promise<string> }>("json");
    expect(await json.dumps({ b: 1, a: 2 }, kw({ sort_keys: true }))).toBe('{"a": 2, "b": 1}');
  });

  test("numpy: a 1e6-element Float64Array summed, matmul returning an NDArray", async () => {
    const values = new Float64Array(1_000_000).map((_, index) => index % 10);
    expect(await py.call("numpy.sum", [NDArray.from(values)])).toBe(4_500_000);
    const matrix = NDArray.from(new Float64Array([1, 2, 3, 4]), [2, 2]);
    const product = await py.call<NDArray>("numpy.matmul", [matrix, matrix]);
    expect(product).toBeInstanceOf(NDArray);
    expect(product.dtype).toBe("float64");
    expect(product.shape).toEqual([2, 2]);
    expect(Array.from(product.data as Float64Array)).toEqual([7, 10, 15, 22]);
  });

  test("a class with methods through a ref", async () => {
    await using counter = await py.create<{ update(items: string[]): Promise<null>; most_common(n: number): Promise<[string, number][]> }>("collections.Counter", [["a", "b", "a", "c", "a"]]);
    await counter.update(["b", "b", "b"]);
    expect(await counter.most_common(2)).toEqual([["b", 4], ["a", 3]]);
    expect(counter.pythonType).toMatch(/Counter/);
  });

  test("a generator as for await, stopped by break", async () => {
    const seen: number[] = [];
    for await (const value of py.stream<number>("itertools.count", [5, 5])) {
      seen.push(value);
      if (seen.length === 4) break;
    }
    expect(seen).toEqual([5, 10, 15, 20]);
  });

  test("a raising function gives a typed error with the Python traceback", async () => {
    const failure = await py.call("json.loads", ["{not json"]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PythonError);
    const error = failure as PythonError;
    expect(error.pythonType).toBe("JSONDecodeError");
    expect(error.pythonModule).toBe("json.decoder");
    expect(error.traceback).toMatch(/Traceback[\s\S]*json[\\/]decoder\.py/);
    expect(error.message).toContain("json.loads raised json.decoder.JSONDecodeError");
  });

  test("a 1 s call with a 50 ms deadline rejects in time, and the pool is healthy after", async () => {
    const started = Date.now();
    const failure = await py.call("time.sleep", [1], {}, { timeoutMs: 50 }).catch((error: unknown) => error);
    const waited = Date.now() - started;
    expect(failure).toBeInstanceOf(TimeoutError);
    // Not a timing assertion on speed: only that the deadline, not the sleep, ended the wait.
    expect(waited).toBeLessThan(1_000);
    expect(await py.call("math.sqrt", [9])).toBe(3);
    expect((await py.health()).ready).toBe(true);
    expect(pool.readyWorkers).toBe(2);
  });

  test("batch: one round trip, failures in their slots", async () => {
    const outcomes = await py.batch([{ path: "math.sqrt", args: [16] }, { path: "math.sqrt", args: [-1] }, { path: "operator.add", args: [2, 3] }]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(outcomes[2]).toEqual({ status: "fulfilled", value: 5 });
  });
});
