import type { Catalog } from "../config/catalog-types.js";
import type { ToolRegistry } from "../callbacks/tool-registry.js";
import type { TransportCallOptions } from "../model/call.js";
import type { Cache } from "../ports/cache.js";
import type { Introspector } from "../ports/introspector.js";
import type { Transport } from "../ports/transport.js";
import type { CallAllowlist } from "../security/allowlist.js";
import type { TelemetryOptions } from "../telemetry/telemetry-options.js";
import type { AuditOptions } from "./call-audit.js";

/** Options of one facade call: the transport's, plus caching. */
export interface CallOptions extends TransportCallOptions {
  /** Treat the function as pure for this call: cache its result. */
  readonly pure?: boolean;
  /** Cache lifetime for this call's result, in milliseconds. */
  readonly ttlMs?: number;
  /** Send this call in one batch with the other calls of the same tick (default: the Snakepit's `coalesce`). */
  readonly coalesce?: boolean;
  /**
   * Bring the result back as a stream of parts instead of one message: for
   * results that may exceed the gRPC message limit (bytes, arrays, strings,
   * lists). Pure and idempotent calls switch to it by themselves when a
   * result turns out too large.
   */
  readonly chunked?: boolean;
  /** Who asked, for the audit log (default: the Snakepit's `audit.caller`). */
  readonly label?: string;
}

/** One call of a batch. */
export interface BatchCall {
  readonly path: string;
  readonly args?: readonly unknown[];
  readonly kwargs?: Readonly<Record<string, unknown>>;
}

/** Everything a Snakepit needs; `createSnakepit` and the DI module build it. */
export interface SnakepitDependencies {
  readonly transport: Transport;
  readonly cache?: Cache;
  readonly introspector?: Introspector;
  /** Declared libraries: per-function policies (pure, ttl, deadline, idempotent). */
  readonly catalog?: Catalog;
  /** Deadline for calls that set none, in milliseconds. */
  readonly defaultTimeoutMs?: number;
  /** Largest batch sent in one message; larger batches are split. */
  readonly maxBatchSize?: number;
  /** Batch calls issued in the same tick automatically (config `execution.batching.coalesce`). Default false. */
  readonly coalesce?: boolean;
  /** Which targets calls may reach; checked before a call leaves Node. Default: dynamic "*" with the always-refused list. */
  readonly allowlist?: CallAllowlist;
  /** Reports every finished call (path, duration, outcome; arguments only when asked). Default: none. */
  readonly audit?: AuditOptions;
  /** OpenTelemetry providers for call spans and metrics. Default: the global ones (no-ops until the program registers an SDK). */
  readonly telemetry?: TelemetryOptions;
  /** Runs after the transport is closed: stop workers, release environments. */
  readonly onClose?: () => Promise<void>;
  /** Rolls the runtime's workers onto the code now on disk (`reload()`); startSnakepit provides it. */
  readonly onReload?: () => Promise<void>;
  /** TypeScript functions Python may call by name (`snakepit_bridge.tools`); `expose()` adds to it. Default: an empty registry. */
  readonly tools?: ToolRegistry;
}
