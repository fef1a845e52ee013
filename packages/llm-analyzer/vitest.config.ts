import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * @snakepit/conformance is a workspace package; until `npm install` links it
 * into node_modules, tests resolve it to the workspace sources directly.
 */
function conformanceAlias(): Record<string, string> {
  try {
    createRequire(import.meta.url).resolve("@snakepit/conformance");
    return {};
  } catch {
    return { "@snakepit/conformance": fileURLToPath(new URL("../conformance/src/index.ts", import.meta.url)) };
  }
}

export default defineConfig({
  resolve: { alias: conformanceAlias() },
  test: { include: ["test/**/*.test.ts"] },
});
