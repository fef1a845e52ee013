import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { CacheTestContext } from "./cache-test-context.js";

/** get, set, overwrite, delete, clear and disconnect. */
export function basicTests({ test, factory }: CacheTestContext): void {
  test("get of a key never set resolves undefined", async (open) => {
    const cache = await open();
    assert.equal(await cache.get("absent"), undefined);
  });

  test("set then get returns the value", async (open) => {
    const cache = await open();
    await cache.set("key", "value");
    assert.equal(await cache.get("key"), "value");
  });

  test("namespace is the one the factory was given", async (open) => {
    const cache = await open("named");
    assert.match(cache.namespace, /^conformance-[0-9a-f]{8}-named$/);
  });

  test("set overwrites an existing value", async (open) => {
    const cache = await open();
    await cache.set("key", 1);
    await cache.set("key", { replaced: true });
    assert.deepEqual(await cache.get("key"), { replaced: true });
  });

  test("delete resolves true and removes a present key, false for an absent one", async (open) => {
    const cache = await open();
    await cache.set("gone", 1);
    await cache.set("kept", 2);
    assert.equal(await cache.delete("gone"), true);
    assert.equal(await cache.get("gone"), undefined);
    assert.equal(await cache.get("kept"), 2);
    assert.equal(await cache.delete("gone"), false);
    assert.equal(await cache.delete("never-set"), false);
  });

  test("clear removes every key", async (open) => {
    const cache = await open();
    await Promise.all(["a", "b", "c"].map((key) => cache.set(key, key)));
    await cache.clear();
    for (const key of ["a", "b", "c"]) assert.equal(await cache.get(key), undefined);
  });

  test("keys with separators and unicode are stored as given", async (open) => {
    const cache = await open();
    const key = "numpy.mean@1.26.4:Zx-_/+=:: 🐍";
    await cache.set(key, 1);
    assert.equal(await cache.get(key), 1);
    assert.equal(await cache.get("numpy.mean@1.26.4:Zx-_/+="), undefined);
  });

  test("disconnect is idempotent", async () => {
    const cache = await factory({ namespace: `conformance-${randomUUID().slice(0, 8)}-disconnect` });
    await cache.disconnect();
    await cache.disconnect();
  });
}
