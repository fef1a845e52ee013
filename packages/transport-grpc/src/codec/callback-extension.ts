/**
 * ext 9: a TypeScript function in the arguments of a call travels as
 * `[handle, name, arity]`; Python turns it into a callable proxy (callbacks.py).
 *
 * The encoder is process-wide and synchronous, so the call being encoded sets
 * the collector that turns functions into handles for the time of its
 * encoding (`collectCallbacks`). Outside it (batches, streams, results of a
 * callback) a function is refused as before, with a message saying where
 * functions can go.
 */

/** Gives each function of one call's arguments its handle (the same function twice: the same handle). */
export type CallbackCollector = (fn: (...args: unknown[]) => unknown) => number;

let active: CallbackCollector | undefined;

/** Runs `encode` with `collector` receiving every function it meets. */
export function collectCallbacks<T>(collector: CallbackCollector, encode: () => T): T {
  const previous = active;
  active = collector;
  try {
    return encode();
  } finally {
    active = previous;
  }
}

/** The ext 9 data of `value` (encoded by `nested`), or null when it is not a function or no call is being encoded. */
export function encodeCallback(value: unknown, nested: (items: unknown[]) => Uint8Array): Uint8Array | null {
  if (typeof value !== "function" || !active) return null;
  const fn = value as (...args: unknown[]) => unknown;
  return nested([active(fn), fn.name, fn.length]);
}
