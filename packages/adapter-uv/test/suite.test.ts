import { environmentManagerSuite } from "@snakepit/conformance";
import { inject, test } from "vitest";

// Every test has its own project folder, so they run concurrently; uv's shared cache makes that cheap.
import { UvEnvironmentManager } from "../src/index.js";
import { bridgeFolder } from "./support/bridge-fixture.js";

const uvPath = inject("uvPath");

environmentManagerSuite(test.concurrent, ({ indexUrl }) => new UvEnvironmentManager({ uvPath, ...(indexUrl ? { indexUrl } : {}), env: { UV_HTTP_RETRIES: "0" } }), {
  python: "3.11",
  bridge: { path: bridgeFolder() },
});
