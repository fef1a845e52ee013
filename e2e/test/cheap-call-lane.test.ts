import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PythonError, type CallRequest, type Transport } from "@snakepit/core";
import type { PythonWorkerPool } from "@snakepit/port-python";
import { createGrpcTransport } from "@snakepit/transport-grpc";
import { startPool, type TransportKind } from "../support/pool.js";

/** Makes `total` calls of `request` with `concurrency` in flight; returns the worker each call ran on, in order. */
async function keepInFlight(pool: PythonWorkerPool, request: CallRequest, total: number, concurrency: number): Promise<string[]> {
  const workers: string[] = [];
  let issued = 0;
  const lane = async () => {
    while (issued < total) {
      issued++;
      await pool.call(request, { onWorker: (id) => workers.push(id) });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return workers;
}

/** How many of `ids` the most used worker took. */
function busiest(ids: readonly string[]): { id: string; share: number } {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const [id, count] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ["", 0];
  return { id, share: count / ids.length };
}

const add: CallRequest = { target: "operator.add", args: [1, 2] };

describe.each<TransportKind>(["framed", "grpc-js", "connect"])("cheap calls share one worker, over %s (real workers)", (kind) => {
  let pool: PythonWorkerPool;

  beforeAll(async () => {
    // 200 µs rather than the default 5: these tests are about where calls go, and on a busy machine
    // (CI runs test files side by side) a worker descheduled mid-frame makes operator.add read as slow.
    pool = await startPool(kind, { laneMicros: 200 });
  });
  afterAll(async () => {
    await pool.close();
  });

  test("once the workers report operator.add as cheap, 64 of them in flight run on one worker", async () => {
    const workers = await keepInFlight(pool, add, 3_000, 64);
    // The first calls are spread: no worker has reported the path yet.
    expect(new Set(workers.slice(0, 64)).size).toBe(2);
    expect(busiest(workers.slice(-1_500)).share).toBeGreaterThan(0.9);
  });

  test("calls of a path seen to be slow are still spread over every worker", async () => {
    await pool.call({ target: "time.sleep", args: [0.05] });
    const workers: string[] = [];
    await Promise.all(Array.from({ length: 6 }, () => pool.call({ target: "time.sleep", args: [0.05] }, { onWorker: (id) => workers.push(id) })));
    expect(workers.filter((id) => id === workers[0])).toHaveLength(3);
  });

  test("no cheap call waits behind a slow one: while a worker runs it, cheap calls go to the other", async () => {
    await keepInFlight(pool, add, 500, 64); // operator.add is known cheap
    const order: string[] = [];
    let slowWorker = "";
    const slow = pool.call({ target: "time.sleep", args: [0.3] }, { onWorker: (id) => (slowWorker = id) }).then(() => order.push("slow"));
    const cheapWorkers = await keepInFlight(pool, add, 2_000, 64);
    order.push("cheap");
    await slow;
    expect(order).toEqual(["cheap", "slow"]);
    expect(cheapWorkers).not.toContain(slowWorker);
  });
});

describe("with laneMicros 0 (real workers)", () => {
  test("every call is spread by load, as before packing existed", async () => {
    const pool = await startPool("framed", { laneMicros: 0 });
    try {
      const workers = await keepInFlight(pool, add, 3_000, 64);
      expect(busiest(workers.slice(-1_500)).share).toBeLessThan(0.75);
    } finally {
      await pool.close();
    }
  });
});

/** How many calls and batches the pool handed its workers' transports. */
interface Handed {
  call: number;
  batch: number;
}

/** A transport that counts what the pool hands it (methods bound to the real one: it has private fields). */
function counting(transport: Transport, handed: Handed): Transport {
  return new Proxy(transport, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (property === "call" || property === "batch") handed[property]++;
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe.each<TransportKind>(["framed", "grpc-js"])("plain calls of a cheap path made together travel as one batch on the lane, over %s (real workers)", (kind) => {
  let pool: PythonWorkerPool;
  const handed: Handed = { call: 0, batch: 0 };
  const since = () => ({ ...handed });

  beforeAll(async () => {
    pool = await startPool(kind, { laneMicros: 200, transportFactory: (endpoint) => counting(createGrpcTransport({ ...endpoint, implementation: kind }), handed) });
    await keepInFlight(pool, add, 500, 64); // the workers report operator.add: cheap
  });
  afterAll(async () => {
    await pool.close();
  });

  test("64 calls made in one go: one batch, each call with its own result", async () => {
    const before = since();
    const results = await Promise.all(Array.from({ length: 64 }, (_, index) => pool.call({ target: "operator.add", args: [index, 1] })));
    expect(results).toEqual(Array.from({ length: 64 }, (_, index) => index + 1));
    expect(handed.batch - before.batch).toBe(1);
    expect(handed.call - before.call).toBe(0);
  });

  test("a failing call fails alone", async () => {
    const settled = await Promise.allSettled(Array.from({ length: 8 }, (_, index) => pool.call({ target: "operator.add", args: index === 3 ? [1, "x"] : [index, 1] })));
    expect(settled.map((outcome) => (outcome.status === "fulfilled" ? outcome.value : (outcome.reason as PythonError).pythonType))).toEqual([1, 2, 3, "TypeError", 5, 6, 7, 8]);
    expect((settled[3] as PromiseRejectedResult).reason).toBeInstanceOf(PythonError);
  });

  test("calls with options (a deadline), of paths not known to be cheap, or on their own go call by call", async () => {
    const before = since();
    await Promise.all(Array.from({ length: 8 }, (_, index) => pool.call({ target: "operator.add", args: [index, 1] }, { timeoutMs: 5_000 })));
    await Promise.all(Array.from({ length: 8 }, (_, index) => pool.call({ target: "operator.sub", args: [index, 1] }))); // never reported yet
    await pool.call({ target: "operator.add", args: [1, 1] });
    expect(handed.batch - before.batch).toBe(0);
    expect(handed.call - before.call).toBe(17);
  });
});
