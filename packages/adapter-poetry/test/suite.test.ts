import { environmentManagerSuite } from "@snakepit/conformance";
import { inject, test } from "vitest";
import { PoetryEnvironmentManager } from "../src/index.js";

const poetryPath = inject("poetryPath");

// Every test has its own project folder, so they run concurrently. No retries keeps the unreachable-index test quick.
environmentManagerSuite(test.concurrent, ({ indexUrl }) => new PoetryEnvironmentManager({ poetryPath, ...(indexUrl ? { indexUrl } : {}), env: { POETRY_REQUESTS_MAX_RETRIES: "0" } }), {
  python: "3.11",
  timeoutMs: 180_000,
});
