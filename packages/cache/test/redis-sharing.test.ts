import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { NDArray, tuple } from "@snakepit/core";
import { describe, test } from "vitest";
import { createRedisCache } from "../src/index.js";
import { redisTitle, redisUrl, skipRedis } from "./redis-availability.js";

const run = promisify(execFile);
const packageFolder = fileURLToPath(new URL("..", import.meta.url));

describe.skipIf(skipRedis)(redisTitle("Redis cache shared between processes"), () => {
  test("two cache instances with their own connections share values", async () => {
    const namespace = `sharing-${process.pid}-${Date.now()}`;
    const writer = createRedisCache({ url: redisUrl(), namespace });
    const reader = createRedisCache({ url: redisUrl(), namespace });
    try {
      await writer.set("result", { v: tuple<unknown[]>(NDArray.from(new Float32Array([1.5, 2.5]), [1, 2]), 7n) });
      const read = await reader.get<{ v: unknown[] }>("result");
      assert.deepStrictEqual(read, { v: tuple<unknown[]>(NDArray.from(new Float32Array([1.5, 2.5]), [1, 2]), 7n) });
    } finally {
      await writer.clear();
      await Promise.all([writer.disconnect(), reader.disconnect()]);
    }
  });

  test("a value written by another Node process is read back intact", async () => {
    const url = redisUrl();
    const namespace = `process-${process.pid}-${Date.now()}`;
    // The child imports the built package, as another application would (nx builds before testing).
    const script = `
      import { createRedisCache } from "@snakepit/cache";
      import { NDArray, tuple } from "@snakepit/core";
      const cache = createRedisCache({ url: ${JSON.stringify(url)}, namespace: ${JSON.stringify(namespace)} });
      await cache.set("from-child", { array: NDArray.from(new BigInt64Array([1n, 2n ** 40n])), pair: tuple(1, 2), when: new Date(0), map: new Map([[1, "one"]]) });
      await cache.disconnect();`;
    await run(process.execPath, ["--input-type=module", "--eval", script], { cwd: packageFolder });
    const cache = createRedisCache({ url, namespace });
    try {
      assert.deepStrictEqual(await cache.get("from-child"), {
        array: NDArray.from(new BigInt64Array([1n, 2n ** 40n])), pair: tuple(1, 2), when: new Date(0), map: new Map([[1, "one"]]),
      });
    } finally {
      await cache.clear();
      await cache.disconnect();
    }
  });
});
