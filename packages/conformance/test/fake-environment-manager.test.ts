import { FakeEnvironmentManager } from "@snakepit/core/testing";
import { test } from "vitest";
import { environmentManagerSuite } from "../src/index.js";

// The fake keeps environments in memory and resolves no versions: the disk, interpreter and conflict groups do not apply.
environmentManagerSuite(test, ({ indexUrl }) => new FakeEnvironmentManager({ knownPackages: ["six", "idna"], offline: indexUrl !== undefined }), {
  onDisk: false, runsPython: false, localPackages: false, conflicts: false, timeoutMs: 5_000,
});
