import { closeSync, fstatSync, ftruncateSync, openSync, read as readAsync, readSync, renameSync, unlinkSync, writeSync, writevSync } from "node:fs";
import { join } from "node:path";
import { keptIdleMs, maxKeptBufferBytes } from "./pool-limits.js";
import { takeResultBuffer } from "./result-buffer-pool.js";
import { removeStaleSharedFolders } from "./stale-shared-folders.js";

/**
 * Reusable /dev/shm files ("slots") for the same-host fast path.
 *
 * Creating a tmpfs file per transfer makes the kernel allocate and zero every
 * page of it each time (≈ 5–10 ms for 8 MB on a loaded host); overwriting the
 * pages of a file that already exists is a plain memcpy (≈ 1.5 ms). So the
 * sender keeps a few files and lends them out, and the receiver gives them
 * back when it no longer looks at the bytes:
 *
 * - a lent slot is named `<pid>-<n>.slot`; the receiver, once done (Node:
 *   right after copying the bytes out; Python: when the read-only mapping its
 *   arrays view is garbage collected), renames it to `<pid>-<n>.free`;
 * - the sender claims a returned slot with the atomic rename `.free` → `.slot`
 *   and only then overwrites it, so a file is never written while the other
 *   side may still read it (an array Python still holds keeps its slot);
 * - a `.bin` file is one-shot (too large to keep, or the pool is full): the
 *   receiver unlinks it, as before slots existed.
 *
 * Slots lent and not returned for two minutes (a cancelled call, an array
 * Python keeps for good) and slots idle for two minutes are unlinked; the
 * folder goes with the process.
 */

/** Slots kept per process: enough for a few transfers in flight. Larger payloads get one-shot files, and lent files not picked up or slots not used for two minutes are removed (pool-limits.ts). */
const maxSlots = 4;

interface Slot {
  /** The path without its `.slot` / `.free` suffix. */
  readonly base: string;
  size: number;
  usedAt: number;
}

let nextFile = 1;
let staleScanAt = 0;
const slots: Slot[] = [];
const oneShot = new Map<string, number>();

/**
 * Writes `chunks` (in order) to a file of `folder` and returns its path:
 * a returned slot overwritten in place when there is one, else a new file.
 */
export function writeToSharedFile(folder: string, chunks: readonly Uint8Array[]): string {
  const now = Date.now();
  sweep(now);
  const size = chunks.reduce((total, chunk) => total + chunk.byteLength, 0);
  const reused = size <= maxKeptBufferBytes ? claimSlot(size) : undefined;
  if (reused) {
    const path = `${reused.base}.slot`;
    const fd = openSync(path, "r+");
    try {
      writeAll(fd, chunks);
      if (reused.size > size) ftruncateSync(fd, size);
    } finally {
      closeSync(fd);
    }
    reused.size = size;
    reused.usedAt = now;
    return path;
  }
  const base = join(folder, `${process.pid}-${nextFile++}`);
  const pooled = size <= maxKeptBufferBytes && slots.length < maxSlots;
  const path = `${base}${pooled ? ".slot" : ".bin"}`;
  const fd = openSync(path, "wx", 0o600);
  try {
    writeAll(fd, chunks);
  } finally {
    closeSync(fd);
  }
  if (pooled) slots.push({ base, size, usedAt: now });
  else oneShot.set(path, now);
  return path;
}

/**
 * Copies out the bytes of a file the other side wrote, then gives it back:
 * a `.slot` is renamed `.free` for its sender to reuse, anything else is
 * unlinked. The copy lands at offset 0 (aligned for any typed array) of
 * memory that nothing else reads or writes while the caller keeps a view of
 * it (result-buffer-pool.ts).
 */
export function readAndReleaseSharedFile(path: string): Uint8Array {
  const fd = openSync(path, "r");
  let bytes: Uint8Array;
  try {
    bytes = takeResultBuffer(fstatSync(fd).size);
    const end = readRange(fd, bytes, 0, bytes.byteLength);
    if (end < bytes.byteLength) bytes = bytes.subarray(0, end);
  } finally {
    closeSync(fd);
  }
  releaseAfterReading(path);
  return bytes;
}

/**
 * `readAndReleaseSharedFile`, with a large file read in parallel parts on
 * libuv's threads. Copying out of tmpfs is the kernel's work, page by page:
 * one thread read 8 MB in ≈ 2 ms here, two threads in ≈ 1.1 ms (writes gain
 * nothing that way: tmpfs writes to one file take its lock in turn).
 */
export async function readAndReleaseSharedFileInParts(path: string): Promise<Uint8Array> {
  const fd = openSync(path, "r");
  let bytes: Uint8Array;
  try {
    bytes = takeResultBuffer(fstatSync(fd).size);
    const ranges = partsOf(bytes.byteLength);
    const ends = await Promise.all(ranges.map(([start, end]) => readRangeAsync(fd, bytes, start, end)));
    // A part cut short (the file shrank, which a lent file never does) keeps what came before the gap.
    const gap = ranges.findIndex(([, end], index) => (ends[index] as number) < end);
    if (gap >= 0) bytes = bytes.subarray(0, ends[gap]);
  } finally {
    closeSync(fd);
  }
  releaseAfterReading(path);
  return bytes;
}

/** Files at least this large are read in two parts (readAndReleaseSharedFileInParts). */
const parallelReadFrom = 2 << 20;

/** `[start, end)` of each part: two page-aligned halves of a large file (no page copied by both threads), else the whole. */
function partsOf(size: number): [number, number][] {
  if (size < parallelReadFrom) return [[0, size]];
  const half = Math.ceil(size / 2 / 4096) * 4096;
  return [[0, half], [half, size]];
}

/** Reads `[start, end)` of the file into the same range of `bytes`; returns where reading stopped. */
function readRange(fd: number, bytes: Uint8Array, start: number, end: number): number {
  let offset = start;
  while (offset < end) {
    const read = readSync(fd, bytes, offset, end - offset, offset);
    if (read === 0) break;
    offset += read;
  }
  return offset;
}

async function readRangeAsync(fd: number, bytes: Uint8Array, start: number, end: number): Promise<number> {
  let offset = start;
  while (offset < end) {
    const position = offset;
    const read = await new Promise<number>((done, fail) => {
      readAsync(fd, bytes, position, end - position, position, (error, count) => (error ? fail(error) : done(count)));
    });
    if (read === 0) break;
    offset += read;
  }
  return offset;
}

function releaseAfterReading(path: string): void {
  release(path);
  // Workers that died meanwhile left their slots behind (see stale-shared-folders.ts).
  sweep(Date.now());
}

/** How many slots this process keeps (for tests). */
export function sharedFileSlotCount(): number {
  return slots.length;
}

function release(path: string): void {
  try {
    if (path.endsWith(".slot")) renameSync(path, `${path.slice(0, -".slot".length)}.free`);
    else unlinkSync(path);
  } catch {
    // Already swept by its writer: nothing left to give back.
  }
}

/** Claims a returned slot, preferring one of the same size (no truncation, no new pages). */
function claimSlot(size: number): Slot | undefined {
  const bySize = [...slots].sort((a, b) => Math.abs(a.size - size) - Math.abs(b.size - size));
  for (const slot of bySize) {
    try {
      renameSync(`${slot.base}.free`, `${slot.base}.slot`);
      return slot;
    } catch {
      // Still lent: the receiver has not given it back yet.
    }
  }
  return undefined;
}

function sweep(now: number): void {
  const limit = now - keptIdleMs;
  if (staleScanAt <= limit) {
    staleScanAt = now;
    removeStaleSharedFolders(now);
  }
  for (let index = slots.length - 1; index >= 0; index--) {
    const slot = slots[index] as Slot;
    if (slot.usedAt > limit) continue;
    slots.splice(index, 1);
    // Whether returned or still lent: unlinking the name is safe, a mapping keeps its pages.
    removeQuietly(`${slot.base}.free`);
    removeQuietly(`${slot.base}.slot`);
  }
  for (const [path, at] of oneShot) {
    if (at > limit) break;
    oneShot.delete(path);
    removeQuietly(path);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Already gone: the usual case.
  }
}

/** `writev` may write less than asked; the rest follows with plain writes. */
function writeAll(fd: number, chunks: readonly Uint8Array[]): void {
  let written = writevSync(fd, chunks as Uint8Array[], 0);
  let position = 0;
  for (const chunk of chunks) {
    const end = position + chunk.byteLength;
    if (written < end) {
      const skip = Math.max(0, written - position);
      let offset = skip;
      while (offset < chunk.byteLength) offset += writeSync(fd, chunk, offset, chunk.byteLength - offset, position + offset);
      written = end;
    }
    position = end;
  }
}
