import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { stayAwake } from "../../src/session/awake-window.js";

/** Share of the next `ms` the event loop spends working rather than waiting in epoll. */
async function utilizationOver(ms: number): Promise<number> {
  const before = performance.eventLoopUtilization();
  await sleep(ms);
  return performance.eventLoopUtilization(before).utilization;
}

describe("the awake window after a callback reply", () => {
  it("keeps the event loop polling instead of sleeping while it is open", async () => {
    stayAwake(60_000);
    expect(await utilizationOver(40)).toBeGreaterThan(0.5);
  });

  it("closes by itself: an idle loop sleeps again", async () => {
    stayAwake(1_000);
    await sleep(20);
    expect(await utilizationOver(40)).toBeLessThan(0.5);
  });

  it("never opens for 0 µs (spinning turned off)", async () => {
    stayAwake(0);
    expect(await utilizationOver(40)).toBeLessThan(0.5);
  });
});
