import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { CancelledError, type Snakepit } from "@snakepit/core";
import { eventuallyExists, fixturesEnv, scratchFolder } from "../support/fixtures.js";
import { startSnakepitOnPool } from "../support/pool.js";

describe("streaming against real workers", () => {
  let py: Snakepit;

  beforeAll(async () => {
    ({ py } = await startSnakepitOnPool("grpc-js", { env: fixturesEnv }));
  });
  afterAll(async () => {
    await py.close();
  });

  test("breaking out of for await over an infinite generator runs its finally in Python", async () => {
    const marker = join(await scratchFolder(), "closed");
    const seen: number[] = [];
    for await (const value of py.stream<number>("optimizer_fixtures.endless", [marker])) {
      seen.push(value);
      if (seen.length === 5) break;
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(await eventuallyExists(marker)).toBe(true);
    expect(await readFile(marker, "utf8")).toBe("closed");
  });

  test("aborting a stream rejects with CancelledError and closes the generator", async () => {
    const marker = join(await scratchFolder(), "closed");
    const controller = new AbortController();
    const failure = await (async () => {
      for await (const value of py.stream<number>("optimizer_fixtures.endless", [marker], {}, { signal: controller.signal })) {
        if (value === 3) controller.abort();
      }
    })().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CancelledError);
    expect(await eventuallyExists(marker)).toBe(true);
  });

  test("a slow consumer holds the producer back (backpressure)", async () => {
    const log = join(await scratchFolder(), "produced.log");
    const total = 200_000;
    let consumed = 0;
    for await (const value of py.stream<number>("optimizer_fixtures.slow_numbers", [total, log])) {
      consumed = value + 1;
      if (consumed === 5) await sleep(300);
      if (consumed === 10) break;
    }
    const produced = (await readFile(log, "utf8")).trim().split("\n").length;
    // Flow control lets Python run ahead by what fits in the transport's buffers, never the whole generator.
    expect(consumed).toBe(10);
    expect(produced).toBeLessThan(total / 2);
  });
});
