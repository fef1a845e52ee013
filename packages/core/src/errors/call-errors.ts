import { SnakepitError } from "./snakepit-error.js";

/** The call's deadline passed; Python was asked to stop it. */
export class TimeoutError extends SnakepitError {
  readonly code = "TIMEOUT";
  constructor(readonly target: string, readonly timeoutMs: number, options?: ErrorOptions) {
    super(`${target} did not finish within its ${timeoutMs} ms deadline; the Python side was told to stop. Raise timeoutMs for this call if the work is expected to take longer.`, options);
  }
}

/** The caller aborted the call (AbortSignal), or the runtime is closing. */
export class CancelledError extends SnakepitError {
  readonly code = "CANCELLED";
  constructor(readonly target: string, reason?: string, options?: ErrorOptions) {
    super(`${target} was cancelled${reason ? `: ${reason}` : ""}.`, options);
  }
}

/** The worker running the call died (crash, kill, out of memory) before it answered. */
export class WorkerCrashedError extends SnakepitError {
  readonly code = "WORKER_CRASHED";
  constructor(readonly target: string, readonly worker: string, readonly detail: string, options?: ErrorOptions) {
    super(`${target} was lost because worker ${worker} died (${detail}). The pool restarts workers by itself; mark the call idempotent to let Snakepit retry it, or retry it yourself.`, options);
  }
}

/** The call would exceed the pool's queue bound; nothing was sent. */
export class SaturatedError extends SnakepitError {
  readonly code = "SATURATED";
  constructor(readonly target: string, readonly queued: number, options?: ErrorOptions) {
    super(`${target} was refused: ${queued} calls are already waiting for a worker. Slow down, add workers, or raise the pool's maxQueue.`, options);
  }
}

/** The allowlist refused the call; it never reached Python. */
export class NotAllowedError extends SnakepitError {
  readonly code = "NOT_ALLOWED";
  constructor(readonly target: string, readonly rule: string, options?: ErrorOptions) {
    super(`${target} is not allowed: ${rule}. Declare it in the catalog, or grant it with a pattern in security.allow if you trust it.`, options);
  }
}

/** The target does not exist in Python (module, attribute or remote object). */
export class NotFoundError extends SnakepitError {
  readonly code = "NOT_FOUND";
  constructor(readonly target: string, detail: string, options?: ErrorOptions) {
    super(`${target} was not found: ${detail}`, options);
  }
}

/** A value could not cross the boundary (no codec mapping for its type). */
export class CodecError extends SnakepitError {
  readonly code = "CODEC";
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}
