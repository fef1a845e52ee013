import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Starts a throwaway redis-server for the Redis tests (see the file for how to skip or reuse one).
    globalSetup: ["test/redis-global-setup.ts"],
  },
});
