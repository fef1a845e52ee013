import { describe, expect, test } from "vitest";
import { SnakepitError, TimeoutError, WorkerCrashedError } from "@snakepit/core";
import { fixturesEnv } from "../support/fixtures.js";
import { startSnakepitOnPool } from "../support/pool.js";
import { waitUntil } from "../support/wait-until.js";

/**
 * Faults under load, against real workers. Bounded: every call has a
 * deadline, every wait has a limit, so a regression fails instead of hanging.
 */

const pause = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Runs `count` calls with at most `inFlight` pending at once; resolves with every outcome in order. */
async function runWithConcurrency<T>(count: number, inFlight: number, call: (index: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  const outcomes: PromiseSettledResult<T>[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      outcomes[index] = await call(index).then((value) => ({ status: "fulfilled", value }) as const, (reason: unknown) => ({ status: "rejected", reason }) as const);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return outcomes;
}

describe("chaos", () => {
  test("random SIGKILLs under load: every call settles with a value or a typed error, idempotent calls succeed, the pool refills", async () => {
    const { py, pool } = await startSnakepitOnPool("grpc-js", { workers: 2, env: fixturesEnv });
    try {
      let loadDone = false;
      // Half the calls may run twice (idempotent): the pool retries those on another worker.
      const load = runWithConcurrency(400, 20, (index) =>
        py.call<number>("chaos_fixtures.sleep_and_add", [index, 1, 0.02], {}, { timeoutMs: 15_000, idempotent: index % 2 === 0 }),
      ).finally(() => {
        loadDone = true;
      });
      let kills = 0;
      while (kills < 5 && !loadDone) {
        await pause(100 + Math.random() * 300);
        const pids = pool.pids;
        const victim = pids[Math.floor(Math.random() * pids.length)];
        if (victim === undefined || loadDone) break;
        process.kill(victim, "SIGKILL");
        kills += 1;
        // The next kill waits for the replacement, so a retried call is not killed twice.
        expect(await waitUntil(() => pool.readyWorkers === 2 && !pool.pids.includes(victim), 15_000)).toBe(true);
      }
      const outcomes = await load;
      expect(kills).toBeGreaterThan(0);
      expect(outcomes).toHaveLength(400);
      outcomes.forEach((outcome, index) => {
        if (outcome.status === "fulfilled") expect(outcome.value).toBe(index + 1);
        else expect(outcome.reason).toBeInstanceOf(SnakepitError);
        if (index % 2 === 0) expect(outcome.status).toBe("fulfilled");
      });
      const failures = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [outcome.reason as SnakepitError] : []));
      expect(failures.every((failure) => failure instanceof WorkerCrashedError)).toBe(true);
      expect(await waitUntil(() => pool.readyWorkers === 2, 15_000)).toBe(true);
      expect(await py.call("chaos_fixtures.sleep_and_add", [40, 2, 0])).toBe(42);
    } finally {
      await py.close();
    }
  });

  test("a segfault inside Python gives WorkerCrashedError and the pool recovers", async () => {
    const { py, pool } = await startSnakepitOnPool("grpc-js", { workers: 2, env: fixturesEnv });
    try {
      const before = pool.pids;
      const failure = await py.call("chaos_fixtures.segfault", [], {}, { timeoutMs: 15_000 }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(WorkerCrashedError);
      expect((failure as Error).message).toMatch(/SIGSEGV/);
      expect(await waitUntil(() => pool.readyWorkers === 2 && pool.pids.some((pid) => !before.includes(pid)), 15_000)).toBe(true);
      expect(await py.call("math.sqrt", [49])).toBe(7);
    } finally {
      await py.close();
    }
  });

  test("a deadline storm: 100 calls with 20 ms deadlines on a 0.5 s sleep all time out, and the pool stays usable", async () => {
    const { py, pool } = await startSnakepitOnPool("grpc-js", { workers: 2 });
    try {
      const outcomes = await Promise.allSettled(Array.from({ length: 100 }, () => py.call("time.sleep", [0.5], {}, { timeoutMs: 20 })));
      for (const outcome of outcomes) {
        expect(outcome.status).toBe("rejected");
        if (outcome.status === "rejected") expect(outcome.reason).toBeInstanceOf(TimeoutError);
      }
      expect(await py.call("math.sqrt", [49], {}, { timeoutMs: 15_000 })).toBe(7);
      expect(await waitUntil(() => pool.readyWorkers === 2, 15_000)).toBe(true);
    } finally {
      await py.close();
    }
  });
});
