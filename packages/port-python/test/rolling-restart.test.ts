import { describe, expect, test } from "vitest";
import { CancelledError } from "@snakepit/core";
import { isAlive, startFakePool, waitFor } from "./support.js";

/** A call that stays in flight until the test lets it finish: no timing involved. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("PythonWorkerPool.restartWorkers (real processes, stand-in bridge)", () => {
  test("queued and in-flight calls all complete across a rolling restart; later calls run on the fresh workers", async () => {
    const gates = Array.from({ length: 2 }, gate);
    let held = 0;
    const fake = startFakePool("ready", { workers: 2, capacity: 1, maxQueue: 100 }, {
      // The first two calls (one per worker) wait for their gate; the rest answer at once.
      "demo.work": async (value: number) => {
        const mine = held < gates.length ? gates[held++] : undefined;
        await mine?.opened;
        return value * 2;
      },
    });
    const pool = await fake.start();
    try {
      const oldPids = pool.pids;
      const oldTransports = [...fake.transports];
      const calls = Array.from({ length: 20 }, (_, index) => pool.call({ target: "demo.work", args: [index] }));
      await waitFor(() => held === 2);
      expect(pool.queued).toBe(18);

      await pool.restartWorkers();
      // Fresh workers took over the queue while the old ones still hold their in-flight call.
      const newPids = pool.pids;
      expect(newPids).toHaveLength(2);
      expect(newPids.some((pid) => oldPids.includes(pid))).toBe(false);
      await waitFor(() => pool.queued === 0);
      expect(oldPids.every(isAlive)).toBe(true);

      for (const { open } of gates) open();
      const results = await Promise.allSettled(calls);
      expect(results.map((result) => result.status === "fulfilled" ? result.value : result.reason)).toEqual(Array.from({ length: 20 }, (_, index) => index * 2));
      // Once their last call settled, the old workers were stopped.
      await waitFor(() => !oldPids.some(isAlive));

      const callsBefore = fake.transports.map((transport) => transport.calls.length);
      await pool.call({ target: "demo.work", args: [21] });
      const served = fake.transports.findIndex((transport, index) => transport.calls.length > (callsBefore[index] ?? 0));
      expect(oldTransports).not.toContain(fake.transports[served]);
    } finally {
      await pool.close();
    }
  });

  test("two restarts asked at once run one after the other and leave exactly one live worker per slot", async () => {
    const started: number[] = [];
    const pool = await startFakePool("ready", { workers: 2, onEvent: (event) => void (event.type === "worker-started" && started.push(event.pid)) }).start();
    try {
      const first = pool.pids;
      await Promise.all([pool.restartWorkers(), pool.restartWorkers()]);
      expect(started).toHaveLength(6);
      expect(pool.pids.some((pid) => first.includes(pid))).toBe(false);
      // Every worker but the two in the slots is stopped: a roll that raced another would leave one behind.
      await waitFor(() => started.filter(isAlive).length === 2);
      expect(started.filter(isAlive).sort()).toEqual([...pool.pids].sort());
    } finally {
      await pool.close();
    }
  });

  test("a closed pool refuses to restart with a clear error", async () => {
    const pool = await startFakePool("ready", { workers: 1 }).start();
    const pids = pool.pids;
    await pool.close();
    await expect(pool.restartWorkers()).rejects.toBeInstanceOf(CancelledError);
    expect(pids.some(isAlive)).toBe(false);
  });
});
