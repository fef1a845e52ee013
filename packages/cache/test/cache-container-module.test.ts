import assert from "node:assert/strict";
import { cacheId, CoreContainerModule, snakepitId } from "@snakepit/core";
import { InMemoryTransportContainerModule } from "@snakepit/core/testing";
import { Container } from "inversify";
import { test } from "vitest";
import { CacheContainerModule, KeyvCache } from "../src/index.js";

test("fromOptions binds a memory cache as core's Cache, and the facade caches pure calls with it", async () => {
  let calls = 0;
  const container = new Container();
  await container.load(
    CoreContainerModule.fromOptions(),
    InMemoryTransportContainerModule.fromOptions({ handlers: { "math.sqrt": (value: number) => (calls++, Math.sqrt(value)) } }),
    CacheContainerModule.fromOptions({ store: "memory", namespace: "container-test", maxEntries: 10 }),
  );
  const cache = container.get(cacheId);
  assert.ok(cache instanceof KeyvCache);
  assert.equal(cache.namespace, "container-test");
  const py = container.get(snakepitId);
  assert.equal(await py.call("math.sqrt", [16], {}, { pure: true }), 4);
  assert.equal(await py.call("math.sqrt", [16], {}, { pure: true }), 4);
  assert.equal(calls, 1);
  assert.equal(py.cacheStats.hits, 1);
});

test("fromOptions with redis binds a Redis cache without connecting until first use", async () => {
  const container = new Container();
  await container.load(CacheContainerModule.fromOptions({ store: "redis", url: "redis://127.0.0.1:1", namespace: "lazy" }));
  const cache = container.get(cacheId);
  assert.equal(cache.namespace, "lazy");
  await cache.disconnect();
});
