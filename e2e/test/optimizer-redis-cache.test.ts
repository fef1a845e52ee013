import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { pythonFixtures, scratchFolder } from "../support/fixtures.js";
import { redisAbsence, startRedis, type RunningRedis } from "../support/redis-server.js";

const script = fileURLToPath(new URL("../fixtures/cached-call.mjs", import.meta.url));

describe.skipIf(redisAbsence !== undefined)(`two Node processes share a cache through Redis${redisAbsence ? ` (skipped: ${redisAbsence})` : ""}`, () => {
  let redis: RunningRedis;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  test("the second process gets the first one's result without calling Python", async () => {
    const log = join(await scratchFolder(), "calls.log");
    const env = { SNAKEPIT_E2E_PYTHON: inject("pythonPath"), SNAKEPIT_E2E_REDIS: redis.url, SNAKEPIT_E2E_LOG: log, SNAKEPIT_E2E_PYTHONPATH: pythonFixtures };
    const run = async () => JSON.parse((await execa(process.execPath, [script], { env })).stdout) as { value: number; stats: { hits: number; misses: number }; pid: number };
    const first = await run();
    const second = await run();
    expect(first.pid).not.toBe(second.pid);
    expect([first.value, second.value]).toEqual([49, 49]);
    expect(first.stats).toMatchObject({ hits: 0, misses: 1 });
    expect(second.stats).toMatchObject({ hits: 1, misses: 0 });
    expect((await readFile(log, "utf8")).trim().split("\n")).toHaveLength(1);
  });
});
