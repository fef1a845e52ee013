import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// One Poetry is bootstrapped per test run (global setup) and shared: installing it takes about half a minute.
// The alias lets tests import the conformance suite from source until the workspace links it.
export default defineConfig({
  resolve: {
    alias: { "@snakepit/conformance": fileURLToPath(new URL("../conformance/src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["./test/support/global-setup.ts"],
    testTimeout: 180_000,
    hookTimeout: 300_000,
  },
});
