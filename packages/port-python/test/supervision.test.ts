import { describe, expect, test } from "vitest";
import { EnvironmentError, SaturatedError } from "@snakepit/core";
import { isAlive, startFakePool, waitFor } from "./support.js";

describe("PythonWorkerPool supervision (real processes, stand-in bridge)", () => {
  test("starts N workers and stops every one of them on close", async () => {
    const pool = await startFakePool("ready", { workers: 3 }).start();
    const pids = pool.pids;
    expect(pids).toHaveLength(3);
    expect(pids.every(isAlive)).toBe(true);
    await pool.close();
    await pool.close();
    expect(pids.some(isAlive)).toBe(false);
  });

  test("a worker killed with SIGKILL is replaced and the pool returns to full size", async () => {
    const events: string[] = [];
    const pool = await startFakePool("ready", { workers: 2, onEvent: (event) => events.push(event.type) }).start();
    try {
      const [victim] = pool.pids;
      process.kill(victim ?? 0, "SIGKILL");
      await waitFor(() => pool.pids.length === 2 && !pool.pids.includes(victim ?? 0));
      expect(pool.readyWorkers).toBe(2);
      expect(events).toContain("worker-exited");
    } finally {
      await pool.close();
    }
  });

  test("a worker that exits before ready fails start with its stderr", async () => {
    await expect(startFakePool("crash", { workers: 1 }).start()).rejects.toThrow(/exited \(exit code 3\)[\s\S]*crashing on purpose/);
  });

  test("missing bridge dependencies give an EnvironmentError that says to re-sync", async () => {
    const failure = await startFakePool("import", { workers: 1 }).start().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(EnvironmentError);
    expect((failure as Error).message).toMatch(/dependencies \(grpcio, protobuf, msgpack\) are missing/);
  });

  test("a worker that never reports ready is killed after the start timeout", async () => {
    await expect(startFakePool("silent", { workers: 1, startTimeoutMs: 300 }).start()).rejects.toThrow(/did not report ready within 300 ms/);
  });

  test("calls beyond capacity queue, and beyond the queue bound fail with SaturatedError", async () => {
    const fake = startFakePool("ready", { workers: 1, capacity: 1, maxQueue: 1 }, {
      "time.sleep": (seconds: number) => new Promise((resolve) => setTimeout(() => resolve(null), seconds * 1000)),
    });
    const pool = await fake.start();
    try {
      const first = pool.call({ target: "time.sleep", args: [0.1] });
      const second = pool.call({ target: "time.sleep", args: [0.01] });
      expect(pool.queued).toBe(1);
      await expect(pool.call({ target: "time.sleep", args: [0] })).rejects.toBeInstanceOf(SaturatedError);
      await expect(Promise.all([first, second])).resolves.toEqual([null, null]);
      expect(pool.queued).toBe(0);
    } finally {
      await pool.close();
    }
  });
});
