import { describe, expect, test } from "vitest";
import { CancelledError, createSnakepit, QuotaExceededError, TimeoutError } from "@snakepit/core";
import { InMemoryTransport } from "@snakepit/core/testing";
import { QuotaTransport } from "../src/runtime/quota-transport.js";

/** Handlers that stay busy until the test releases them: the quota is what is tested, not time. */
function heldHandlers() {
  const releases: (() => void)[] = [];
  const inner = new InMemoryTransport({
    "work.hold": () => new Promise((resolve) => releases.push(() => resolve("done"))),
    "work.quick": (value: number) => value + 1,
  });
  return { inner, releaseAll: () => releases.splice(0).forEach((release) => release()), held: () => releases.length };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("QuotaTransport", () => {
  test("runs at most maxConcurrent, queues at most maxQueued, refuses the rest with the tenant and the limit", async () => {
    const { inner, releaseAll, held } = heldHandlers();
    const quota = new QuotaTransport("acme", { maxConcurrent: 2, maxQueued: 1 }, inner);
    const calls = Array.from({ length: 5 }, () => quota.call({ target: "work.hold" }).then((value) => value, (error: unknown) => error));
    await tick();
    expect(held()).toBe(2);
    expect(quota.usage).toEqual({ running: 2, queued: 1 });
    releaseAll();
    await tick();
    releaseAll();
    const outcomes = await Promise.all(calls);
    expect(outcomes.slice(0, 3)).toEqual(["done", "done", "done"]);
    for (const refused of outcomes.slice(3)) {
      expect(refused).toBeInstanceOf(QuotaExceededError);
      expect(refused).toMatchObject({ tenant: "acme", limit: "maxQueued", target: "work.hold" });
      expect((refused as Error).message).toMatch(/tenant "acme" is over its quota\.maxQueued .*raise tenants\.acme\.quota\.maxQueued/);
    }
    expect(quota.usage).toEqual({ running: 0, queued: 0 });
  });

  test("a rate limit refuses calls past N per window, counting every call of a batch", async () => {
    const { inner } = heldHandlers();
    const quota = new QuotaTransport("beta", { rate: { calls: 3, per: "1h" } }, inner);
    expect(await quota.batch([{ target: "work.quick", args: [1] }, { target: "work.quick", args: [2] }])).toEqual([
      { status: "fulfilled", value: 2 }, { status: "fulfilled", value: 3 },
    ]);
    expect(await quota.call({ target: "work.quick", args: [3] })).toBe(4);
    const refused = await quota.call({ target: "work.quick", args: [4] }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(QuotaExceededError);
    expect(refused).toMatchObject({ tenant: "beta", limit: "rate" });
    expect((refused as Error).message).toMatch(/3 of 3 calls per 1h already used/);
  });

  test("a queued call honours its deadline and its abort signal, and leaves the queue", async () => {
    const { inner, releaseAll } = heldHandlers();
    const quota = new QuotaTransport("acme", { maxConcurrent: 1 }, inner);
    const running = quota.call({ target: "work.hold" });
    const controller = new AbortController();
    const aborted = quota.call({ target: "work.quick", args: [1] }, { signal: controller.signal }).catch((error: unknown) => error);
    const late = quota.call({ target: "work.quick", args: [1] }, { timeoutMs: 1 }).catch((error: unknown) => error);
    controller.abort();
    expect(await aborted).toBeInstanceOf(CancelledError);
    expect(await late).toBeInstanceOf(TimeoutError);
    expect(quota.usage).toEqual({ running: 1, queued: 0 });
    releaseAll();
    expect(await running).toBe("done");
  });

  test("closing rejects the waiting calls and closes the pool behind it", async () => {
    const { inner } = heldHandlers();
    const quota = new QuotaTransport("acme", { maxConcurrent: 1 }, inner);
    void quota.call({ target: "work.hold" }).catch(() => undefined);
    const waiting = quota.call({ target: "work.quick", args: [1] }).catch((error: unknown) => error);
    await quota.close();
    expect(await waiting).toBeInstanceOf(CancelledError);
    await expect(quota.call({ target: "work.quick", args: [1] })).rejects.toThrow(/tenant "acme" is closed/);
  });

  test("the tenant's Snakepit can expose tools when the pool behind serves them", () => {
    const { inner } = heldHandlers();
    const quota = new QuotaTransport("acme", {}, inner);
    expect(quota.useTools).toBeTypeOf("function");
    const py = createSnakepit({ transport: quota });
    const unexpose = py.expose("double", (value: unknown) => Number(value) * 2);
    expect(unexpose).toBeTypeOf("function");
    const bare = new QuotaTransport("acme", {}, { capabilities: inner.capabilities, call: inner.call.bind(inner), batch: inner.batch.bind(inner), stream: inner.stream.bind(inner), release: inner.release.bind(inner), describe: inner.describe.bind(inner), health: inner.health.bind(inner), close: inner.close.bind(inner) });
    expect(bare.useTools).toBeUndefined();
  });
});
