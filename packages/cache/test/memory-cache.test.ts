import assert from "node:assert/strict";
import { NDArray } from "@snakepit/core";
import { test } from "vitest";
import { approximateSize, createMemoryCache, MemoryStore } from "../src/index.js";

test("the least recently used entry goes first when maxEntries is reached", async () => {
  const cache = createMemoryCache({ maxEntries: 2 });
  await cache.set("a", 1);
  await cache.set("b", 2);
  await cache.get("a");
  await cache.set("c", 3);
  assert.equal(await cache.get("a"), 1);
  assert.equal(await cache.get("b"), undefined);
  assert.equal(await cache.get("c"), 3);
});

test("reading the most recent entry again keeps the order right after it is deleted or replaced", () => {
  const store = new MemoryStore({ maxEntries: 2 });
  store.set("a", 1);
  store.set("b", 2);
  store.get("b");
  store.get("b"); // already the newest: nothing moves
  store.delete("b");
  store.set("b", 2);
  store.get("a"); // a is newest now, b the oldest
  store.get("a");
  store.set("c", 3);
  assert.equal(store.get("b"), undefined);
  assert.equal(store.get("a"), 1);
  assert.equal(store.get("c"), 3);
});

test("entries are evicted when their approximate bytes exceed maxBytes", async () => {
  const store = new MemoryStore({ maxBytes: 10_000 });
  const cache = createMemoryCache({ sharedStore: store });
  const array = () => NDArray.from(new Float64Array(500)); // 4,000 bytes of data
  await cache.set("first", array());
  await cache.set("second", array());
  await cache.set("third", array());
  assert.equal(await cache.get("first"), undefined);
  assert.ok(await cache.get("second"));
  assert.ok(await cache.get("third"));
  assert.ok(store.bytes <= 10_000, `store holds ${store.bytes} bytes, above its bound`);
});

test("a value larger than maxBytes on its own is not kept, and does not evict others", async () => {
  const cache = createMemoryCache({ maxBytes: 10_000 });
  await cache.set("small", "kept");
  await cache.set("huge", new Uint8Array(20_000));
  assert.equal(await cache.get("huge"), undefined);
  assert.equal(await cache.get("small"), "kept");
});

test("namespaces sharing a store share one budget", async () => {
  const store = new MemoryStore({ maxEntries: 2 });
  const first = createMemoryCache({ namespace: "first", sharedStore: store });
  const second = createMemoryCache({ namespace: "second", sharedStore: store });
  await first.set("a", 1);
  await second.set("b", 2);
  await second.set("c", 3);
  assert.equal(await first.get("a"), undefined);
  assert.equal(store.size, 2);
});

test("deleting and expiring give the bytes back", async () => {
  let now = 0;
  const store = new MemoryStore({ now: () => now });
  const cache = createMemoryCache({ sharedStore: store });
  await cache.set("deleted", new Uint8Array(1_000));
  await cache.set("expiring", new Uint8Array(1_000), 10);
  await cache.delete("deleted");
  now = 20;
  assert.equal(await cache.get("expiring"), undefined);
  assert.equal(store.bytes, 0);
  assert.equal(store.size, 0);
});

test("a TTL of zero stores nothing, like core's InMemoryCache", async () => {
  const cache = createMemoryCache();
  await cache.set("key", "old");
  await cache.set("key", "new", 0);
  assert.equal(await cache.get("key"), undefined);
});

test("values are kept by reference: the memory cache never copies", async () => {
  const cache = createMemoryCache();
  const array = NDArray.from(new Float64Array([1, 2]));
  await cache.set("array", array);
  assert.equal(await cache.get("array"), array);
});

test("approximateSize counts typed-array bytes without reading them and samples long arrays", () => {
  assert.ok(approximateSize(new Float64Array(1_000_000)) >= 8_000_000);
  assert.ok(approximateSize(NDArray.from(new Float32Array(1_000))) >= 4_000);
  const long = Array.from({ length: 100_000 }, (_, index) => index);
  const estimate = approximateSize(long);
  assert.ok(estimate >= 800_000 && estimate < 4_000_000, `estimate ${estimate} is off for 100,000 numbers`);
  assert.ok(approximateSize("x".repeat(1_000)) >= 2_000);
});
