import { defineConfig } from "vitest/config";

// End-to-end tests share one real uv environment (built in global-setup) and
// start real workers; they run one file at a time so that process counts and
// timings of the supervision tests are not disturbed by each other.
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./support/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
