/**
 * The rules every pool of large buffers in the codec follows: the /dev/shm
 * slots (shared-file-slots.ts), the encoding buffers of large arguments
 * (large-buffer-pool.ts) and the memory of large results
 * (result-buffer-pool.ts). One place, so the three cannot drift apart.
 */

/** Larger buffers are never kept: one huge transfer must not pin its size for good. */
export const maxKeptBufferBytes = 32 << 20;

/** A pool nobody used for this long lets its buffers go: an idle program keeps no large buffers. */
export const keptIdleMs = 120_000;

/** Whether a kept buffer of `size` bytes may serve `bytes`: big enough, and at most twice that (a small request must not pin a huge buffer). */
export function servesWithoutWaste(size: number, bytes: number): boolean {
  return size >= bytes && size <= 2 * bytes;
}

/**
 * Runs `release` once the returned `touch` has not been called for
 * `keptIdleMs`; the timer never keeps the process alive.
 */
export function releaseWhenIdle(release: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(release, keptIdleMs);
    timer.unref();
  };
}
