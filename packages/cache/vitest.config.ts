import { defineConfig, mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.js";

// Starts a throwaway redis-server for the Redis tests (see the file for how to skip or reuse one).
export default mergeConfig(shared, defineConfig({ test: { globalSetup: ["test/redis-global-setup.ts"] } }));
