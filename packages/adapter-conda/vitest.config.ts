import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// The alias lets tests import the conformance suite from source until the workspace links it.
export default defineConfig({
  resolve: {
    alias: { "@snakepit/conformance": fileURLToPath(new URL("../conformance/src/index.ts", import.meta.url)) },
  },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
  },
});
