import { defineConfig } from "vitest/config";

// One Poetry is bootstrapped per test run (global setup) and shared: installing it takes about half a minute.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/support/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
