import { CancelledError } from "@snakepit/core";

/** Rejects early with core's CancelledError, so callers can branch on one error type whatever was cancelled. */
export function throwIfAborted(signal: AbortSignal | undefined, target: string): void {
  if (signal?.aborted) throw new CancelledError(target, "the signal was aborted");
}

/** `{ signal }` when there is one: options objects stay free of `signal: undefined`. */
export function signalOption(signal: AbortSignal | undefined): { readonly signal?: AbortSignal } {
  return signal ? { signal } : {};
}
