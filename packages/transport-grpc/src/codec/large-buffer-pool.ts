import { maxKeptBufferBytes, releaseWhenIdle, servesWithoutWaste } from "./pool-limits.js";

/**
 * Buffers for big encodings that Snakepit owns from start to end: the
 * MessagePack output of a large argument (an NDArray is copied into it when
 * the call is made), which the fast-lane socket writes and then no longer
 * needs. The socket's write callback gives the buffer back
 * (framed-connection.ts), and the next large argument is encoded into it.
 *
 * Why: a fresh 8 MB ArrayBuffer per call is 8 MB of external memory to V8,
 * and external memory counts toward the limit that starts a full
 * mark-compact: one every 3–6 calls, each with tens of ms of marking on
 * V8's helper threads, on a 2-core machine the workers share. Summing 1e6
 * float64 in numpy through the socket allocated 7 MB a call in Node before.
 *
 * Only buffers taken here and not yet given back are "lent"; giving back
 * anything else does nothing, so a transport that never gives back (gRPC,
 * whose writes we cannot see end) simply leaves its buffers to the garbage
 * collector, as before.
 */
const free: ArrayBuffer[] = [];
const lent = new WeakSet<ArrayBufferLike>();

/** Free buffers kept: enough for a few large calls in flight. */
const maxFree = 4;
const usedNow = releaseWhenIdle(() => free.splice(0));

/**
 * A buffer of at least `bytes`: the smallest free one that serves it
 * without waste (pool-limits.ts), else a new one.
 */
export function takeLargeBuffer(bytes: number): Uint8Array {
  let best = -1;
  for (let index = 0; index < free.length; index++) {
    const size = (free[index] as ArrayBuffer).byteLength;
    if (servesWithoutWaste(size, bytes) && (best < 0 || size < (free[best] as ArrayBuffer).byteLength)) best = index;
  }
  const buffer = best >= 0 ? (free.splice(best, 1)[0] as ArrayBuffer) : new ArrayBuffer(bytes);
  lent.add(buffer);
  return new Uint8Array(buffer);
}

/** Whether `buffer` was taken here and not given back yet (its writer must give it back). */
export function isLentLargeBuffer(buffer: ArrayBufferLike): boolean {
  return lent.has(buffer);
}

/** Gives a lent buffer back once nothing reads it any more; anything else is ignored. */
export function giveBackLargeBuffer(buffer: ArrayBufferLike): void {
  if (!lent.delete(buffer)) return;
  if (free.length >= maxFree || buffer.byteLength > maxKeptBufferBytes) return;
  free.push(buffer as ArrayBuffer);
  usedNow();
}

/** The free buffers, oldest first (tests). */
export function freeLargeBuffers(): readonly ArrayBuffer[] {
  return [...free];
}
