import { setImmediate as nextTurn } from "node:timers/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resultBufferPoolState, takeResultBuffer } from "../../src/codec/result-buffer-pool.js";

setFlagsFromString("--expose-gc");
/** A full collection (a context created after the flag has `gc`). */
const collectGarbage = runInNewContext("gc") as () => void;

/** Collects until the pool has seen every dropped result (finalization callbacks run in a later turn). */
async function collectUntilNoneLent(): Promise<void> {
  for (let attempt = 0; attempt < 50 && resultBufferPoolState().lent > 0; attempt++) {
    collectGarbage();
    await nextTurn();
  }
}

/** Takes a result and keeps only what `keep` returns, so the rest of it is garbage when this returns. */
function take<T>(bytes: number, keep: (view: Uint8Array) => T): T {
  return keep(takeResultBuffer(bytes));
}

const size = 2 << 20;

describe("the pool of memory for large results", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  });
  afterEach(() => {
    // Two idle minutes let every home go: the next test starts from an empty pool.
    vi.advanceTimersByTime(120_000);
    expect(resultBufferPoolState().homes).toBe(0);
    vi.useRealTimers();
  });

  it("gives each result shared memory of the size asked for, at offset 0", () => {
    const result = takeResultBuffer(size - 3);
    expect(result.byteLength).toBe(size - 3);
    expect(result.byteOffset).toBe(0);
    expect(result.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(resultBufferPoolState()).toMatchObject({ homes: 1, lent: 1 });
  });

  it("never lends memory a live result still uses, and lends it again once the result is garbage", async () => {
    const first = take(size, (view) => {
      view.fill(7);
      return undefined;
    });
    expect(first).toBeUndefined();
    const second = takeResultBuffer(size);
    // The first result may not be collected yet: the second must not share its memory either way.
    expect(second[0]).not.toBe(7);
    second.fill(9);
    await collectUntilNoneLent();
    expect(resultBufferPoolState().lent).toBe(1); // the second is still alive
    const third = takeResultBuffer(size);
    // The first result's memory, as it left it: no new allocation (a fresh one reads 0).
    expect(third[0]).toBe(7);
    expect(second[0]).toBe(9);
    expect(resultBufferPoolState()).toMatchObject({ homes: 2, lent: 2 });
  });

  it("keeps a home lent while any view derived from the result lives, even when the result itself is gone", async () => {
    // What apache-arrow and callers do: keep a column's subarray (or its .buffer) and drop the rest.
    const column = take(size, (view) => {
      view.fill(5);
      return view.subarray(100, 200);
    });
    await collectUntilNoneLent();
    expect(resultBufferPoolState().lent).toBe(1);
    const next = takeResultBuffer(size);
    next.fill(1);
    expect([...column]).toEqual(new Array<number>(100).fill(5));
  });

  it("keeps at most 64 MB, each home at most 32 MB; past that a result gets fresh memory and a same-size ballast for V8's accounting", () => {
    const kept = Array.from({ length: 8 }, () => takeResultBuffer(8 << 20));
    expect(resultBufferPoolState()).toMatchObject({ homes: 8, lent: 8, ballastBytes: 0 });
    const extra = takeResultBuffer(8 << 20);
    expect(extra.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(resultBufferPoolState()).toMatchObject({ homes: 8, lent: 8, ballastBytes: 8 << 20 });
    expect(kept).toHaveLength(8);
  });

  it("does not pool a result over 32 MB or under 1 MiB, nor lend a home more than twice the size asked for", async () => {
    const huge = takeResultBuffer(40 << 20);
    expect(resultBufferPoolState()).toMatchObject({ homes: 0, ballastBytes: 40 << 20 });
    expect(huge.byteLength).toBe(40 << 20);
    const tiny = takeResultBuffer(64);
    expect(tiny.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(resultBufferPoolState()).toMatchObject({ homes: 0, ballastBytes: 64 });
    take(8 << 20, () => undefined);
    await collectUntilNoneLent();
    const small = takeResultBuffer(1 << 20);
    expect(resultBufferPoolState()).toMatchObject({ homes: 2, lent: 1 });
    expect(small.byteLength).toBe(1 << 20);
  });
});
