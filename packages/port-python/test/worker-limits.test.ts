import { describe, expect, test } from "vitest";
import { limitArguments, limitEnvironment } from "../src/worker-limits.js";

describe("worker limits", () => {
  test("become the worker's command-line flags", () => {
    expect(limitArguments({ memoryMb: 300, cpuSeconds: 60, maxMessageMb: 64 })).toEqual(["--memory-mb", "300", "--cpu-seconds", "60", "--max-message-mb", "64"]);
    expect(limitArguments()).toEqual([]);
  });

  test("a memory limit caps the address space reserved by malloc arenas and BLAS threads", () => {
    expect(limitEnvironment({ memoryMb: 300 })).toEqual({ MALLOC_ARENA_MAX: "2", OPENBLAS_NUM_THREADS: "1" });
    expect(limitEnvironment({ cpuSeconds: 5 })).toEqual({});
  });
});
