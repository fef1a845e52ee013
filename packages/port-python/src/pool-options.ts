import type { MeterProvider } from "@opentelemetry/api";
import type { SecurityPolicy } from "@snakepit/core";
import type { TransportFactory } from "./worker-endpoint.js";
import type { WorkerLimits } from "./worker-limits.js";

/** How the pool starts, schedules, supervises and recycles Python workers. */
export interface WorkerPoolOptions {
  /** Interpreter with the Snakepit bridge installed (an Environment's pythonPath). */
  readonly pythonPath: string;
  /** Builds the transport to each worker (e.g. createGrpcTransport). */
  readonly transportFactory: TransportFactory;
  /** Number of workers kept running. Default 2. */
  readonly workers?: number;
  /** Calls one worker runs at once before the pool queues. Default 32. */
  readonly capacity?: number;
  /**
   * Calls of a path the workers report to run in at most this many µs are
   * packed onto one worker (up to twice `capacity` of them), which then polls
   * for the next frame instead of sleeping; everything else is spread by load.
   * Pays while such a call costs the worker less than Node's own work per call
   * (call-costs.ts). Default 5; 0 turns packing off.
   */
  readonly laneMicros?: number;
  /** Calls allowed to wait for a worker; past it calls fail with SaturatedError. Default 10,000. */
  readonly maxQueue?: number;
  /** How long a worker may take to report ready. Default 30 s. */
  readonly startTimeoutMs?: number;
  /** After a deadline or cancel, how long Python may take to stop before the worker is killed and replaced. Default 2 s. */
  readonly cancelGraceMs?: number;
  /** Replace a worker after this many calls (leaky libraries). Default: never. */
  readonly recycleAfterCalls?: number;
  /** Replace a worker whose resident memory passes this many MB. Default: never. */
  readonly recycleAboveRssMb?: number;
  /** SIGTERM grace before SIGKILL at shutdown. Default 3 s. */
  readonly shutdownGraceMs?: number;
  /** Extra environment for workers (PYTHONPATH, thread limits…). */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /**
   * Python modules each worker imports at start so that their
   * `snakepit_bridge.types.register(...)` calls run (user types, ext 12).
   * Passed as `$SNAKEPIT_TYPE_MODULES`.
   */
  readonly typeModules?: readonly string[];
  /** The allowlist each worker enforces itself, behind the facade's check (defence in depth). Default: the worker's own, dynamic "*" with the always-refused list. */
  readonly security?: SecurityPolicy;
  /** Resource limits each worker sets on itself at startup (address space, CPU time, message size). */
  readonly limits?: WorkerLimits;
  /** Receives supervision events and worker stderr lines. */
  readonly onEvent?: (event: PoolEvent) => void;
  /** Where queue depth, ready workers and restarts are reported. Default: the global meter provider (a no-op until an SDK is registered). */
  readonly meterProvider?: MeterProvider;
}

export type PoolEvent =
  | { readonly type: "worker-started"; readonly worker: string; readonly pid: number; readonly startMs: number }
  | { readonly type: "worker-exited"; readonly worker: string; readonly how: string; readonly expected: boolean }
  | { readonly type: "worker-killed"; readonly worker: string; readonly reason: string }
  | { readonly type: "worker-recycled"; readonly worker: string; readonly reason: string }
  | { readonly type: "worker-stderr"; readonly worker: string; readonly line: string }
  | { readonly type: "restart-failed"; readonly error: Error };

export type ResolvedPoolOptions = Required<Omit<WorkerPoolOptions, "env" | "cwd" | "typeModules" | "onEvent" | "recycleAfterCalls" | "recycleAboveRssMb" | "security" | "limits" | "meterProvider">> &
  Pick<WorkerPoolOptions, "env" | "cwd" | "typeModules" | "onEvent" | "recycleAfterCalls" | "recycleAboveRssMb" | "security" | "limits" | "meterProvider">;

export function resolvePoolOptions(options: WorkerPoolOptions): ResolvedPoolOptions {
  return {
    workers: 2,
    capacity: 32,
    laneMicros: 5,
    maxQueue: 10_000,
    startTimeoutMs: 30_000,
    cancelGraceMs: 2_000,
    shutdownGraceMs: 3_000,
    ...options,
  };
}
