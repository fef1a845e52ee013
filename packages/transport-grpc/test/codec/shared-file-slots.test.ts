import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { readAndReleaseSharedFile, sharedFileSlotCount, writeToSharedFile } from "../../src/codec/shared-file-slots.js";

const bytes = (...values: number[]) => Uint8Array.from(values);

describe.skipIf(!existsSync("/dev/shm"))("reusable /dev/shm files (slots)", () => {
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join("/dev/shm", "snakepit-"));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(folder, { recursive: true, force: true });
  });

  it("a lent file is never written again until the receiver gives it back", () => {
    const first = writeToSharedFile(folder, [bytes(1, 2, 3)]);
    const second = writeToSharedFile(folder, [bytes(4, 5, 6)]);
    expect(second).not.toBe(first);
    expect([...readFileSync(first)]).toEqual([1, 2, 3]);
    renameSync(first, first.replace(/\.slot$/, ".free"));
    // Overwritten in place, chunks in order, shrunk to the new payload.
    expect(writeToSharedFile(folder, [bytes(7), bytes(8)])).toBe(first);
    expect([...readFileSync(first)]).toEqual([7, 8]);
  });

  it("reading a slot copies it out and gives it back for reuse", () => {
    const path = writeToSharedFile(folder, [new Uint8Array(64).fill(9)]);
    const copy = readAndReleaseSharedFile(path);
    expect(copy.byteOffset).toBe(0);
    expect([...copy]).toEqual(new Array(64).fill(9));
    expect(existsSync(path)).toBe(false);
    expect(existsSync(path.replace(/\.slot$/, ".free"))).toBe(true);
    expect(writeToSharedFile(folder, [bytes(1)])).toBe(path);
    expect([...copy]).toEqual(new Array(64).fill(9));
  });

  it("a file nobody picked up (a cancelled call) is removed after two minutes", () => {
    const start = Date.now();
    const abandoned = writeToSharedFile(folder, [bytes(1, 2)]);
    vi.spyOn(Date, "now").mockReturnValue(start + 121_000);
    const fresh = writeToSharedFile(folder, [bytes(3)]);
    expect(existsSync(abandoned)).toBe(false);
    expect(readdirSync(folder)).toEqual([fresh.slice(folder.length + 1)]);
    expect(sharedFileSlotCount()).toBeLessThanOrEqual(4);
  });

  it("payloads too large to keep go to one-shot files the reader unlinks", () => {
    const path = writeToSharedFile(folder, [new Uint8Array(33 << 20)]);
    expect(path).toMatch(/\.bin$/);
    expect(readAndReleaseSharedFile(path).byteLength).toBe(33 << 20);
    expect(readdirSync(folder)).toEqual([]);
  });
});
