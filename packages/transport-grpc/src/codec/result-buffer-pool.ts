import { maxKeptBufferBytes, releaseWhenIdle, servesWithoutWaste } from "./pool-limits.js";

/**
 * Memory for large results that arrive through /dev/shm (a DataFrame's Arrow
 * stream, a big NDArray): a few SharedArrayBuffer "homes" whose memory is
 * lent to one result at a time and reused once the caller has dropped it.
 *
 * Why: the caller owns a result for as long as it likes, so each one used to
 * be a fresh ArrayBuffer. 8 MB of fresh external memory per DataFrame made V8
 * run a full mark-compact every 3–5 round trips (4–5 per 16 round trips,
 * ≈ 20 ms of the main thread each with a 25 MB heap), and reading the file
 * into pages never touched before cost 3.4 ms against 1 ms for pages that
 * already exist.
 *
 * Why it is safe: the caller never sees a home. It gets a *clone* of the
 * home's SharedArrayBuffer object (`structuredClone` makes a second object
 * over the same memory), so every view it or apache-arrow derives from the
 * result (`subarray`, `toArray()`, `.buffer`) holds the clone. Only when a
 * FinalizationRegistry reports the clone collected, that is when nothing can
 * read those bytes any more, is the home written again. A plain ArrayBuffer
 * cannot do this: one memory never has two ArrayBuffer objects, and a pool
 * that kept the caller's own object could never see it dropped.
 *
 * What the caller notices: a large result's bytes live in a
 * SharedArrayBuffer it owns alone. It reads, writes and keeps them like any
 * other; only a transfer list refuses it (`postMessage(view, [view.buffer])`
 * throws DataCloneError), and `postMessage` without one shares the bytes
 * instead of copying them. The README's type table says so.
 *
 * GC pacing is unchanged where the pool cannot help: V8 does not count a
 * SharedArrayBuffer's memory as external memory, so a result that finds no
 * free home (all lent, smaller than 1 MiB, or larger than the pool keeps) also allocates an
 * untouched plain ArrayBuffer of its size, dropped at the next one: V8 counts
 * the bytes exactly as it did for the fresh ArrayBuffer of before and
 * collects as often. Only pooled memory, a fixed amount, goes uncounted.
 */

interface Home {
  readonly memory: SharedArrayBuffer;
  lent: boolean;
}

/** Bytes kept in homes at most (lent or free); each home is at most `maxKeptBufferBytes` (pool-limits.ts). */
const maxPooledBytes = 64 << 20;
/** Homes are sized in whole MiB, so results of nearly equal size share them; smaller results are not pooled (a low fast-path threshold would otherwise fill the pool with MiB homes for KB results). */
const homeGranularity = 1 << 20;

let homes: Home[] = [];
const usedNow = releaseWhenIdle(() => {
  homes = [];
});
/**
 * The last unpooled result's stand-in for V8's accounting: allocated without
 * zero-filling, so its pages are never touched (it costs address space, not
 * memory), and kept until the next one so no compiler can drop it.
 */
let ballast: Uint8Array | undefined;

/** Marks a home free once the clone lent for it is garbage: nothing can read its bytes any more. */
const returned = new FinalizationRegistry<Home>((home) => {
  home.lent = false;
});

/**
 * `bytes` bytes, backed by a SharedArrayBuffer that only the returned view
 * (and what is derived from it) reaches: pooled memory when a free home
 * serves it without waste (pool-limits.ts), else fresh.
 */
export function takeResultBuffer(bytes: number): Uint8Array {
  const home = freeHomeFor(bytes) ?? newHome(bytes);
  if (!home) {
    // V8 counts this untouched ArrayBuffer's size as external memory, and so paces its collections as for a plain result.
    ballast = Buffer.allocUnsafeSlow(bytes);
    return new Uint8Array(new SharedArrayBuffer(bytes));
  }
  home.lent = true;
  const clone = structuredClone(home.memory);
  returned.register(clone, home);
  usedNow();
  return new Uint8Array(clone, 0, bytes);
}

/** How many homes the pool keeps, how many of them are lent, and the size of the last ballast (tests, diagnostics). */
export function resultBufferPoolState(): { readonly homes: number; readonly lent: number; readonly ballastBytes: number } {
  return { homes: homes.length, lent: homes.filter((home) => home.lent).length, ballastBytes: ballast?.byteLength ?? 0 };
}

function freeHomeFor(bytes: number): Home | undefined {
  let best: Home | undefined;
  for (const home of homes) {
    const size = home.memory.byteLength;
    if (!home.lent && servesWithoutWaste(size, bytes) && (!best || size < best.memory.byteLength)) best = home;
  }
  return best;
}

function newHome(bytes: number): Home | undefined {
  if (bytes < homeGranularity) return undefined;
  const size = Math.ceil(bytes / homeGranularity) * homeGranularity;
  const pooled = homes.reduce((total, home) => total + home.memory.byteLength, 0);
  if (size > maxKeptBufferBytes || pooled + size > maxPooledBytes) return undefined;
  const home: Home = { memory: new SharedArrayBuffer(size), lent: false };
  homes.push(home);
  return home;
}
