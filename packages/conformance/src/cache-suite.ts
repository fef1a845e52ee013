import type { TestApi } from "./test-api.js";
import { basicTests } from "./cache/basic-tests.js";
import { cacheTestContext, type CacheFactory } from "./cache/cache-test-context.js";
import { namespaceTests } from "./cache/namespace-tests.js";
import { ttlTests } from "./cache/ttl-tests.js";
import { valueTests } from "./cache/value-tests.js";

/** Groups of the cache suite; set one to false when the store cannot support it. Each defaults to true. */
export interface CacheSuiteOptions {
  /** Entries expire after their TTL. */
  readonly ttl?: boolean;
  /** Caches of different namespaces over one store are isolated; caches of one namespace share entries. */
  readonly namespaces?: boolean;
  /** Every codec type (bigint, Date, Map, typed arrays, NDArray, PyTuple…) survives a round trip. */
  readonly values?: boolean;
  /** Per-test timeout in milliseconds. Default 10 s. */
  readonly timeoutMs?: number;
}

/**
 * Registers the Cache conformance tests. The factory is called with a
 * namespace and must return a cache over the same store every time, so that
 * namespace isolation is tested for real. Namespaces are unique per test, and
 * every cache is cleared and disconnected after its test.
 *
 * @example
 * import { test } from "vitest";
 * import { InMemoryCache } from "@snakepit/core/testing";
 * import { cacheSuite } from "@snakepit/conformance";
 *
 * cacheSuite(test, ({ namespace }) => new InMemoryCache({ namespace }));
 */
export function cacheSuite(test: TestApi, factory: CacheFactory, options: CacheSuiteOptions = {}): void {
  const context = cacheTestContext(test, factory, options.timeoutMs ?? 10_000);
  basicTests(context);
  if (options.ttl ?? true) ttlTests(context);
  if (options.namespaces ?? true) namespaceTests(context);
  if (options.values ?? true) valueTests(context);
}

export type { CacheFactory } from "./cache/cache-test-context.js";
