import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// One uv is bootstrapped per test run (global setup) and shared: installing it costs seconds.
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ["./test/support/global-setup.ts"], testTimeout: 120_000, hookTimeout: 300_000 } }));
