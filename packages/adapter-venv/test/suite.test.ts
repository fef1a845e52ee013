import { environmentManagerSuite } from "@snakepit/conformance";
import { test } from "vitest";
import { VenvEnvironmentManager } from "../src/index.js";

// Every test has its own project folder, so they run concurrently. PIP_RETRIES=0 keeps the unreachable-index test quick.
environmentManagerSuite(test.concurrent, ({ indexUrl }) => new VenvEnvironmentManager({ ...(indexUrl ? { indexUrl } : {}), env: { PIP_RETRIES: "0" } }), {
  python: "3.11",
  timeoutMs: 180_000,
});
