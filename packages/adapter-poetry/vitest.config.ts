import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// One Poetry is bootstrapped per test run (global setup) and shared: installing it takes about half a minute.
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ["./test/support/global-setup.ts"], testTimeout: 180_000, hookTimeout: 300_000 } }));
