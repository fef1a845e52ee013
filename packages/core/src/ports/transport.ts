import type { BatchOptions, CallOutcome, CallRequest, TransportCallOptions } from "../model/call.js";
import type { Description } from "../model/description.js";
import type { HealthStatus } from "../model/health.js";
import type { RemoteRef } from "../model/remote-ref.js";
import type { ToolRegistry } from "../callbacks/tool-registry.js";

/** Optional abilities; the facade checks them instead of failing at call time. */
export interface TransportCapabilities {
  /** `batch` sends all calls in one round trip (otherwise it is emulated call by call). */
  readonly nativeBatch: boolean;
  /** `stream` yields items as Python produces them, with backpressure. */
  readonly streaming: boolean;
  /** Remote refs are supported (`release` does something). */
  readonly refs: boolean;
  /** Cancelling a call stops it on the Python side, not only on ours. */
  readonly remoteCancellation: boolean;
}

/**
 * Sends calls to a Python endpoint and brings back decoded values.
 *
 * It exists so that everything above it (facade, cache, scheduler) is
 * independent of the wire: gRPC in production, an in-memory router in a
 * user's tests, a worker pool that fans out over many transports. A transport
 * knows nothing of processes; starting and supervising Python is the
 * runtime's job (port-python).
 *
 * Every method rejects with a `SnakepitError` subclass: `PythonError` when
 * Python raised, `TimeoutError`/`CancelledError` for deadlines and aborts,
 * `TransportError` when the connection failed.
 */
export interface Transport {
  /** What this transport can do natively. */
  readonly capabilities: TransportCapabilities;
  /** Runs one call; resolves with the decoded result (a `RemoteRef` when it stayed in Python). */
  call(request: CallRequest, options?: TransportCallOptions): Promise<unknown>;
  /** Runs many calls in one round trip; every call settles on its own, in order. */
  batch(requests: readonly CallRequest[], options?: BatchOptions): Promise<CallOutcome[]>;
  /** Calls a generator or iterable and yields its items; breaking the loop stops the Python side. */
  stream(request: CallRequest, options?: TransportCallOptions): AsyncIterable<unknown>;
  /** Tells Python it may drop these objects; unknown ids are ignored. */
  release(refs: readonly RemoteRef[]): Promise<void>;
  /** Introspects a module, class or callable by dotted path. */
  describe(target: string, options?: { readonly members?: boolean; readonly signal?: AbortSignal }): Promise<Description>;
  /** Reports liveness and readiness of the endpoint(s); rejects when an endpoint does not answer (supervisors rely on it). */
  health(options?: { readonly signal?: AbortSignal }): Promise<HealthStatus>;
  /** Closes connections; calls still pending reject with `TransportError`. Idempotent. */
  close(): Promise<void>;
  /**
   * Optional: lets Python call the tools of `tools` by name (`snakepit_bridge.tools`).
   * The registry is read at each invocation, so tools exposed later are found too.
   * Transports without it cannot serve tools; `Snakepit.expose` then refuses.
   */
  useTools?(tools: ToolRegistry): void;
}
