import { metrics } from "@opentelemetry/api";
import type { PoolEvent, ResolvedPoolOptions } from "./pool-options.js";

/** What the pool's metrics read when the SDK collects. */
export interface PoolGaugeSource {
  /** Calls waiting for a worker slot. */
  readonly queued: number;
  /** Workers ready to take calls. */
  readonly readyWorkers: number;
}

/** Metric names of the worker pool (see the README's Telemetry section). */
export const poolMetricNames = {
  queueDepth: "snakepit.pool.queue_depth",
  readyWorkers: "snakepit.pool.workers.ready",
  restarts: "snakepit.pool.worker_restarts",
} as const;

/**
 * Pool metrics on `@opentelemetry/api` (no-ops until the program registers
 * an SDK): queue depth and ready workers as observable gauges, read from the
 * pool at collection time so the call path pays nothing, and worker restarts
 * as a counter fed by the pool's own supervision events. Returns the options
 * with `onEvent` wrapped, and the function that stops the gauges at close.
 */
export function withPoolMetrics(options: ResolvedPoolOptions, source: () => PoolGaugeSource): { readonly options: ResolvedPoolOptions; readonly stop: () => void } {
  const meter = (options.meterProvider ?? metrics.getMeterProvider()).getMeter("@snakepit/port-python");
  const queueDepth = meter.createObservableGauge(poolMetricNames.queueDepth, { description: "Calls waiting for a worker slot", unit: "{call}" });
  const readyWorkers = meter.createObservableGauge(poolMetricNames.readyWorkers, { description: "Workers ready to take calls", unit: "{worker}" });
  const restarts = meter.createCounter(poolMetricNames.restarts, { description: "Workers replaced: after an unexpected exit (crash, kill) or a recycle", unit: "{worker}" });
  const observe = (result: { observe(observable: typeof queueDepth, value: number): void }) => {
    const pool = source();
    result.observe(queueDepth, pool.queued);
    result.observe(readyWorkers, pool.readyWorkers);
  };
  meter.addBatchObservableCallback(observe, [queueDepth, readyWorkers]);
  const onEvent = options.onEvent;
  const counted = (event: PoolEvent) => {
    if (event.type === "worker-exited" && !event.expected) restarts.add(1, { "snakepit.restart.reason": "exited" });
    else if (event.type === "worker-recycled") restarts.add(1, { "snakepit.restart.reason": "recycled" });
    onEvent?.(event);
  };
  return { options: { ...options, onEvent: counted }, stop: () => meter.removeBatchObservableCallback(observe, [queueDepth, readyWorkers]) };
}
