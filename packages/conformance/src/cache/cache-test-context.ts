import { randomUUID } from "node:crypto";
import type { Cache } from "@snakepit/core";
import type { TestApi } from "../test-api.js";

/** Builds a cache with the given namespace, over the store under test. */
export type CacheFactory = (options: { readonly namespace: string }) => Promise<Cache> | Cache;

/** What every group of the cache suite receives. */
export interface CacheTestContext {
  /**
   * Registers one test. `open(name)` makes a cache in a namespace unique to
   * this test run (same `name`, same namespace, so two calls share a store);
   * every cache opened is cleared and disconnected afterwards, which keeps a
   * shared Redis clean.
   */
  readonly test: (name: string, body: (open: (name?: string) => Promise<Cache>) => Promise<void>) => void;
  readonly factory: CacheFactory;
}

export function cacheTestContext(test: TestApi, factory: CacheFactory, timeoutMs: number): CacheTestContext {
  return {
    factory,
    test: (name, body) =>
      test(`cache › ${name}`, async () => {
        const run = randomUUID().slice(0, 8);
        const opened: Cache[] = [];
        const open = async (namespace = "main") => {
          const cache = await factory({ namespace: `conformance-${run}-${namespace}` });
          opened.push(cache);
          return cache;
        };
        try {
          await body(open);
        } finally {
          for (const cache of opened) {
            await cache.clear();
            await cache.disconnect();
          }
        }
      }, timeoutMs),
  };
}
