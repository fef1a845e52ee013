import { TimeoutError, WorkerCrashedError, type CallRequest, type TransportCallOptions } from "@snakepit/core";
import { affinityOf } from "./ref-affinity.js";

/** How a pool or fleet gets a worker, gives it back, and names a failure. */
export interface RunHooks<W> {
  acquire(request: CallRequest, options: TransportCallOptions): Promise<W>;
  settle(worker: W): void;
  /** The error the caller should see: WorkerCrashedError when the worker (or its host) died under the call. */
  explain(error: unknown, worker: W, request: CallRequest): Promise<Error>;
}

/**
 * Runs `work` on a worker chosen for `request`: the deadline covers the wait
 * for a worker, and a call marked idempotent that was lost with its worker is
 * run once more on another one. A call tied to a remote object is never
 * retried: the object died with its worker.
 *
 * @example
 * runScheduled(hooks, request, options, (worker, remaining) => worker.transport.call(request, remaining));
 */
export async function runScheduled<W, T>(hooks: RunHooks<W>, request: CallRequest, options: TransportCallOptions, work: (worker: W, options: TransportCallOptions) => Promise<T>, retried = false): Promise<T> {
  const startedAt = Date.now();
  const worker = await hooks.acquire(request, options);
  const remaining = options.timeoutMs === undefined ? options : { ...options, timeoutMs: Math.max(1, options.timeoutMs - (Date.now() - startedAt)) };
  try {
    return await work(worker, remaining);
  } catch (error) {
    const explained = await hooks.explain(error, worker, request);
    // The worker was given what was left of the deadline; the caller should see the deadline it set.
    if (explained instanceof TimeoutError && options.timeoutMs !== undefined && explained.timeoutMs !== options.timeoutMs) {
      throw new TimeoutError(explained.target, options.timeoutMs, { cause: explained.cause ?? explained });
    }
    if (explained instanceof WorkerCrashedError && options.idempotent && !retried && !affinityOf(request)) {
      return runScheduled(hooks, request, remaining, work, true);
    }
    throw explained;
  } finally {
    hooks.settle(worker);
  }
}
