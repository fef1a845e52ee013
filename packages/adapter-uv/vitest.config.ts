import { defineConfig } from "vitest/config";

// One uv is bootstrapped per test run (global setup) and shared: installing it costs seconds.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
