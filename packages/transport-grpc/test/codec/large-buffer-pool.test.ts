import { describe, expect, it } from "vitest";
import { freeLargeBuffers, giveBackLargeBuffer, isLentLargeBuffer, takeLargeBuffer } from "../../src/codec/large-buffer-pool.js";

describe("the pool of large encoding buffers", () => {
  it("lends a buffer, takes it back once, and lends it again for a request that fits", () => {
    const first = takeLargeBuffer(2 << 20);
    expect(first.byteLength).toBe(2 << 20);
    expect(isLentLargeBuffer(first.buffer)).toBe(true);
    const before = freeLargeBuffers().length;
    giveBackLargeBuffer(first.buffer);
    giveBackLargeBuffer(first.buffer); // a second give-back is ignored
    expect(isLentLargeBuffer(first.buffer)).toBe(false);
    expect(freeLargeBuffers().length).toBe(before + 1);
    const again = takeLargeBuffer((2 << 20) - 100);
    expect(again.buffer).toBe(first.buffer);
    giveBackLargeBuffer(again.buffer);
  });

  it("does not lend a buffer more than twice the size asked for, and ignores buffers it never lent", () => {
    const big = takeLargeBuffer(8 << 20);
    giveBackLargeBuffer(big.buffer);
    const small = takeLargeBuffer(1 << 20);
    expect(small.buffer).not.toBe(big.buffer);
    giveBackLargeBuffer(small.buffer);
    const count = freeLargeBuffers().length;
    giveBackLargeBuffer(new ArrayBuffer(1 << 20));
    expect(freeLargeBuffers().length).toBe(count);
  });
});
