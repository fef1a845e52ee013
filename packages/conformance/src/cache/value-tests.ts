import assert from "node:assert/strict";
import { NDArray, PyTuple } from "@snakepit/core";
import type { CacheTestContext } from "./cache-test-context.js";
import { cacheSampleValues } from "./sample-values.js";

/**
 * Every codec type survives a round trip. `deepStrictEqual` compares
 * prototypes too, so an NDArray or PyTuple that comes back as a plain object
 * or array fails here.
 */
export function valueTests({ test }: CacheTestContext): void {
  for (const [name, make] of cacheSampleValues) {
    test(`values: ${name} survives a round trip`, async (open) => {
      const cache = await open();
      await cache.set("value", make());
      assert.deepStrictEqual(await cache.get("value"), make());
    });
  }

  test("values: an NDArray keeps its class, dtype, shape and data", async (open) => {
    const cache = await open();
    await cache.set("array", NDArray.from(new Float64Array([1, 2, 3, 4]), [2, 2]));
    const array = await cache.get("array");
    assert.ok(array instanceof NDArray, `expected an NDArray, got ${Object.prototype.toString.call(array)}`);
    assert.equal(array.dtype, "float64");
    assert.deepEqual(array.shape, [2, 2]);
    assert.ok(array.data instanceof Float64Array);
    assert.deepEqual(array.toArray(), [[1, 2], [3, 4]]);
  });

  test("values: a PyTuple stays a PyTuple", async (open) => {
    const cache = await open();
    await cache.set("tuple", [new PyTuple<number>(), Object.assign(new PyTuple<number>(), [3, 1])]);
    const [empty, pair] = (await cache.get<unknown[]>("tuple")) ?? [];
    assert.ok(empty instanceof PyTuple && pair instanceof PyTuple, "both items should be PyTuples");
    assert.deepEqual([...pair], [3, 1]);
  });

  test("values: a 1 MiB NDArray survives a round trip", async (open) => {
    const cache = await open();
    const make = () => NDArray.from(Float64Array.from({ length: 131_072 }, (_, index) => index / 7), [256, 512]);
    await cache.set("large", make());
    assert.deepStrictEqual(await cache.get("large"), make());
  });
}
