import type { RemoteRef } from "./remote-ref.js";
import type { TraceContext } from "./trace-context.js";

/** What a call does to its target. */
export type CallKind = "call" | "getattr" | "setattr";

/**
 * What the caller wants back: `auto` encodes a value when the codec can and
 * keeps it remote otherwise; `ref` always keeps it remote (constructors);
 * `value` encodes or fails.
 */
export type ResultMode = "auto" | "ref" | "value";

/** One call to Python, independent of any wire format. */
export interface CallRequest {
  /** Dotted path of a module attribute ("numpy.mean"); empty when `ref` is set. */
  readonly target: string;
  /** Remote object the call is on. */
  readonly ref?: RemoteRef;
  /** Method or attribute of `ref`; empty or absent to call the ref itself. */
  readonly attribute?: string;
  /** Defaults to "call". */
  readonly kind?: CallKind;
  readonly args?: readonly unknown[];
  readonly kwargs?: Readonly<Record<string, unknown>>;
  /** Defaults to "auto". */
  readonly resultMode?: ResultMode;
  /**
   * Trace context of the span this call belongs to; transports put it on the
   * wire. It sits on the request, not on the options, so that each call of a
   * coalesced or explicit batch keeps its own parent span.
   */
  readonly trace?: TraceContext;
}

/** Per-call options every transport honours. */
export interface TransportCallOptions {
  /** Aborting rejects the call with `CancelledError` and asks Python to stop it. */
  readonly signal?: AbortSignal;
  /** Deadline in milliseconds; past it the call rejects with `TimeoutError` and Python is asked to stop. */
  readonly timeoutMs?: number;
  /** The call may safely run twice: a scheduler may retry it after a worker crash. */
  readonly idempotent?: boolean;
  /**
   * Told which worker (endpoint id) runs the call, for the call span's
   * `snakepit.worker.id`; a batch split over workers reports each, a retried
   * call reports again. Transports that cannot tell ignore it.
   */
  readonly onWorker?: (workerId: string) => void;
  /**
   * Set by a scheduler that packed this call onto one worker with other calls
   * of cheap paths: more follow within microseconds, so the transport may ask
   * the worker to poll for them instead of sleeping. Transports that cannot
   * ignore it.
   */
  readonly packed?: boolean;
}

/** Options for a batch: one deadline and one signal for all of it. */
export interface BatchOptions extends TransportCallOptions {
  /** Stop at the first failure; the calls after it settle as `CancelledError`. */
  readonly stopOnError?: boolean;
}

/** The settled result of one call of a batch, shaped like `Promise.allSettled`. */
export type CallOutcome<T = unknown> =
  | { readonly status: "fulfilled"; readonly value: T }
  | { readonly status: "rejected"; readonly reason: Error };

/** Human-readable name of a call's target, for error messages and logs. */
export function describeTarget(request: CallRequest): string {
  if (!request.ref) return request.target;
  const base = `<${request.ref.pythonType} ${request.ref.id}>`;
  return request.attribute ? `${base}.${request.attribute}` : base;
}
