/**
 * The AbortSignal of the callback invocation that is starting right now.
 *
 * Python may stop waiting for a callback (its call was cancelled or reached its
 * deadline). A callback that does slow work reads its signal synchronously, at
 * its very start, before its first `await`, and passes it on:
 *
 * @example
 * await py.call("mylib.train", [async (step: number) => {
 *   const signal = callbackSignal();
 *   await fetch(url, { signal });
 * }]);
 *
 * Outside a callback it returns a signal that never aborts.
 */
export function callbackSignal(): AbortSignal {
  if (typeof starting === "function") starting = starting();
  return starting ?? never;
}

/** A signal, or how to make one: most callbacks never ask, and an AbortController costs microseconds. */
type SignalSource = AbortSignal | (() => AbortSignal);

let starting: SignalSource | undefined;
const never = new AbortController().signal;

/**
 * Runs `fn(...args)` with `signal` as the one `callbackSignal()` returns during
 * its synchronous start. Transports (and fakes) call functions for Python this way.
 */
export function invokeWithSignal(fn: (...args: unknown[]) => unknown, args: readonly unknown[], signal: SignalSource): unknown {
  const previous = starting;
  starting = signal;
  try {
    return fn(...args);
  } finally {
    starting = previous;
  }
}
