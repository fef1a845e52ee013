import { describe, expect, test } from "vitest";
import { PythonError, SnakepitError, WorkerCrashedError } from "@snakepit/core";
import { startSnakepitOnPool } from "../support/pool.js";
import { waitUntil } from "../support/wait-until.js";

describe("per-worker resource limits", () => {
  test("a worker limited to 300 MB of address space refuses a 1 GB array with a typed error, and the pool stays healthy", async () => {
    const { py, pool } = await startSnakepitOnPool("grpc-js", { workers: 1, limits: { memoryMb: 300 } });
    try {
      const gigabyteOfFloats = 128 * 1024 * 1024;
      const failure = await py.call("numpy.ones", [gigabyteOfFloats], {}, { timeoutMs: 30_000 }).catch((error: unknown) => error);
      // Either Python raised MemoryError, or the allocation killed the worker; both are typed.
      expect(failure).toBeInstanceOf(SnakepitError);
      // numpy raises _ArrayMemoryError, a MemoryError subclass.
      if (failure instanceof PythonError) expect(failure.pythonType).toMatch(/MemoryError$/);
      else expect(failure).toBeInstanceOf(WorkerCrashedError);
      expect(await waitUntil(() => pool.readyWorkers === 1, 15_000)).toBe(true);
      expect(await py.call("numpy.ones", [3]).then((array) => array !== undefined)).toBe(true);
      expect(await py.call("math.sqrt", [49])).toBe(7);
    } finally {
      await py.close();
    }
  });
});
