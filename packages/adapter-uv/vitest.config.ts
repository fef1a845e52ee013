import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One uv is bootstrapped per test run (global setup) and shared: installing it costs seconds.
// The alias lets tests import the conformance suite from source until the workspace links it.
export default defineConfig({
  resolve: {
    alias: { "@snakepit/conformance": fileURLToPath(new URL("../conformance/src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
