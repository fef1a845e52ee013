import assert from "node:assert/strict";
import type { CacheTestContext } from "./cache-test-context.js";

/** Two caches with different namespaces over the same store never see each other's keys. */
export function namespaceTests({ test }: CacheTestContext): void {
  test("namespaces: a key set in one namespace is absent from another", async (open) => {
    const first = await open("first");
    const second = await open("second");
    await first.set("key", "first");
    assert.equal(await second.get("key"), undefined);
    await second.set("key", "second");
    assert.equal(await first.get("key"), "first");
    assert.equal(await second.get("key"), "second");
  });

  test("namespaces: clear empties only its own namespace", async (open) => {
    const first = await open("first");
    const second = await open("second");
    await first.set("key", "first");
    await second.set("key", "second");
    await first.clear();
    assert.equal(await first.get("key"), undefined);
    assert.equal(await second.get("key"), "second");
  });

  test("namespaces: delete in one namespace leaves the other", async (open) => {
    const first = await open("first");
    const second = await open("second");
    await first.set("key", "first");
    await second.set("key", "second");
    assert.equal(await first.delete("key"), true);
    assert.equal(await second.get("key"), "second");
  });

  test("namespaces: a second cache on the same namespace sees the same entries", async (open) => {
    const writer = await open("shared");
    const reader = await open("shared");
    await writer.set("key", { from: "writer" });
    assert.deepEqual(await reader.get("key"), { from: "writer" });
  });
}
