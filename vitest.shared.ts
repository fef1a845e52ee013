import { defineConfig } from "vitest/config";

/**
 * Defaults for every package's tests. Many tests start real processes
 * (Python workers, uv, redis-server); on a loaded 2-core CI machine a spawn
 * can take seconds, so the 5 s default would fail tests for the wrong reason.
 * These are limits against hangs, not timing assertions.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
