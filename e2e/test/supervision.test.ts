import { execa } from "execa";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, test } from "vitest";
import { WorkerCrashedError } from "@snakepit/core";
import { startSnakepitOnPool } from "../support/pool.js";
import { waitUntil } from "../support/wait-until.js";

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("supervision with real workers", () => {
  test("SIGKILL of a worker during a call: WorkerCrashedError, the pool refills, later calls succeed", async () => {
    const { py, pool } = await startSnakepitOnPool("grpc-js", { workers: 2 });
    try {
      const pending = py.call("time.sleep", [5]).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // The call went to one of the two workers; kill both the busy one and check the other survives.
      const [first, second] = pool.pids;
      // Health reports each worker's calls in progress: the busy one is running the sleep.
      const busy = (await pool.health()).endpoints.find((endpoint) => (endpoint.inFlight ?? 0) > 0)?.pid;
      expect(busy).toBeDefined();
      process.kill(busy ?? 0, "SIGKILL");
      const failure = await pending;
      expect(failure).toBeInstanceOf(WorkerCrashedError);
      expect((failure as Error).message).toMatch(/died \(killed by SIGKILL\)/);
      expect(await waitUntil(() => pool.readyWorkers === 2 && !pool.pids.includes(busy ?? 0), 10_000)).toBe(true);
      expect([first, second].filter((pid) => pid !== busy).every((pid) => pool.pids.includes(pid ?? 0))).toBe(true);
      expect(await py.call("math.sqrt", [49])).toBe(7);
    } finally {
      await py.close();
    }
  });

  test("killing Node with SIGKILL leaves no Python worker 2 s later", async () => {
    const script = fileURLToPath(new URL("../fixtures/spawn-pool-and-hang.mjs", import.meta.url));
    const child = execa(process.execPath, [script], { env: { SNAKEPIT_E2E_PYTHON: inject("pythonPath") }, reject: false, stdout: "pipe", buffer: false });
    const pids = await new Promise<number[]>((resolve, reject) => {
      child.stdout?.on("data", (chunk: Buffer) => {
        const line = chunk.toString().split("\n").find((text) => text.startsWith("PIDS "));
        if (line) resolve(line.slice(5).split(",").map(Number));
      });
      void child.then(() => reject(new Error("the pool process exited before printing its worker pids")));
    });
    expect(pids).toHaveLength(2);
    expect(pids.every(isAlive)).toBe(true);
    child.kill("SIGKILL");
    await child;
    expect(await waitUntil(() => !pids.some(isAlive), 2_000)).toBe(true);
  });
});

