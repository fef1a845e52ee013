import assert from "node:assert/strict";
import { sleep } from "../assertions.js";
import type { CacheTestContext } from "./cache-test-context.js";

/**
 * Expiry. These check outcomes, not timing: a 50 ms entry must be gone after
 * 120 ms, and the other entries must still be there.
 */
export function ttlTests({ test }: CacheTestContext): void {
  test("ttl: an entry is there before its TTL passes", async (open) => {
    const cache = await open();
    await cache.set("long", "value", 60_000);
    assert.equal(await cache.get("long"), "value");
  });

  test("ttl: an entry with a 50 ms TTL is gone after 120 ms; one without TTL stays", async (open) => {
    const cache = await open();
    await cache.set("short", "value", 50);
    await cache.set("forever", "value");
    await sleep(120);
    assert.equal(await cache.get("short"), undefined);
    assert.equal(await cache.get("forever"), "value");
  });

  test("ttl: overwriting without a TTL removes the old TTL", async (open) => {
    const cache = await open();
    await cache.set("key", "first", 50);
    await cache.set("key", "second");
    await sleep(120);
    assert.equal(await cache.get("key"), "second");
  });

  test("ttl: overwriting with a TTL gives the new TTL", async (open) => {
    const cache = await open();
    await cache.set("key", "first");
    await cache.set("key", "second", 50);
    await sleep(120);
    assert.equal(await cache.get("key"), undefined);
  });
}
