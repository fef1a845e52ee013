/**
 * A FIFO of callers waiting for a worker slot, bounded so that overload
 * becomes a clear error rather than unbounded memory. Waiters that are
 * aborted leave the queue.
 */
export class CallQueue<T> {
  readonly #waiting: { resolve: (value: T) => void; reject: (error: Error) => void }[] = [];

  constructor(readonly limit: number) {}

  get length(): number {
    return this.#waiting.length;
  }

  get full(): boolean {
    return this.#waiting.length >= this.limit;
  }

  /** Waits for `offer` to hand over a value; rejects if `signal` aborts first. */
  wait(signal: AbortSignal | undefined, onAbort: () => Error): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        resolve: (value: T) => {
          signal?.removeEventListener("abort", abort);
          resolve(value);
        },
        reject,
      };
      const abort = () => {
        const index = this.#waiting.indexOf(waiter);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(onAbort());
      };
      signal?.addEventListener("abort", abort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  /** Hands `value` to the longest waiter; false when nobody waits. */
  offer(value: T): boolean {
    const waiter = this.#waiting.shift();
    if (!waiter) return false;
    waiter.resolve(value);
    return true;
  }

  /** Rejects every waiter (shutdown). */
  rejectAll(error: Error): void {
    for (const waiter of this.#waiting.splice(0)) waiter.reject(error);
  }
}
