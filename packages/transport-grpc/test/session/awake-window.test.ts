import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { utilizationOver } from "../support/event-loop-utilization.js";
import { AwakeWindow, stayAwake } from "../../src/session/awake-window.js";

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

describe("a session's awake window", () => {
  it("opens after a frame of calls while replies have come back within the window", async () => {
    const window = new AwakeWindow(60_000);
    window.sent();
    expect(await utilizationOver(40)).toBeGreaterThan(0.5);
    window.replied();
    expect(window.recentReplyMicros).toBeGreaterThan(0);
  });

  it("stays shut after a frame of calls when replies have lately been slower than the window", async () => {
    const window = new AwakeWindow(2_000);
    window.sent();
    await sleep(30); // a slow function: 30 ms for its reply
    window.replied();
    expect(window.recentReplyMicros).toBeGreaterThan(2_000);
    await sleep(5);
    window.sent();
    expect(await utilizationOver(40)).toBeLessThan(0.5);
  });

  it("always opens after a callback's answer, and never when turned off", async () => {
    const window = new AwakeWindow(60_000);
    window.sent();
    await sleep(80);
    window.replied(); // slow replies do not matter for callbacks
    window.answered();
    expect(await utilizationOver(40)).toBeGreaterThan(0.5);
    await sleep(30);
    const off = new AwakeWindow(0);
    off.sent();
    off.answered();
    expect(await utilizationOver(40)).toBeLessThan(0.5);
  });
});
