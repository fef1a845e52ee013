import { describe, expect, it, vi } from "vitest";
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

  it("keeps no buffer over 32 MB, and lets every buffer go after two idle minutes", () => {
    vi.useFakeTimers();
    try {
      const count = freeLargeBuffers().length;
      const huge = takeLargeBuffer(40 << 20);
      giveBackLargeBuffer(huge.buffer);
      expect(freeLargeBuffers().length).toBe(count);
      const kept = takeLargeBuffer(3 << 20);
      giveBackLargeBuffer(kept.buffer);
      expect(freeLargeBuffers()).toContain(kept.buffer);
      vi.advanceTimersByTime(119_000);
      expect(freeLargeBuffers()).toContain(kept.buffer);
      vi.advanceTimersByTime(2_000);
      expect(freeLargeBuffers()).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });
});
