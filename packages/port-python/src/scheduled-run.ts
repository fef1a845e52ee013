import { TimeoutError, WorkerCrashedError, type BatchOptions, type CallOutcome, type CallRequest, type TransportCallOptions } from "@snakepit/core";
import { affinityOf } from "./ref-affinity.js";
import { splitBatch } from "./split-batch.js";

/** How a pool or fleet gets a worker, gives it back, and names a failure. */
export interface RunHooks<W> {
  acquire(request: CallRequest, options: TransportCallOptions): Promise<W>;
  /** A worker that can take the call at once, counted as busy; undefined sends the call through `acquire`. */
  tryAcquire?(request: CallRequest, options: TransportCallOptions): W | undefined;
  /** The call of `request` on `worker` is over (settled, failed or retried elsewhere). */
  settle(worker: W, request: CallRequest): void;
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
export function runScheduled<W, T>(hooks: RunHooks<W>, request: CallRequest, options: TransportCallOptions, work: (worker: W, options: TransportCallOptions) => Promise<T>, retried = false): Promise<T> {
  const worker = hooks.tryAcquire?.(request, options);
  if (worker === undefined) return runQueued(hooks, request, options, work, retried);
  // A free worker: no wait, so the whole deadline remains, and success settles without an async frame.
  const remaining = options.timeoutMs === undefined || options.timeoutMs >= 1 ? options : { ...options, timeoutMs: 1 };
  let running: Promise<T>;
  try {
    running = work(worker, remaining);
  } catch (error) {
    running = Promise.reject(error);
  }
  return running.then(
    (value) => {
      hooks.settle(worker, request);
      return value;
    },
    async (error: unknown) => {
      try {
        return await recover(hooks, request, options, remaining, work, retried, worker, error);
      } finally {
        hooks.settle(worker, request);
      }
    },
  );
}

/** `runScheduled` when the call may have to wait for a worker: the deadline covers the wait. */
async function runQueued<W, T>(hooks: RunHooks<W>, request: CallRequest, options: TransportCallOptions, work: (worker: W, options: TransportCallOptions) => Promise<T>, retried: boolean): Promise<T> {
  const startedAt = Date.now();
  const worker = await hooks.acquire(request, options);
  const remaining = options.timeoutMs === undefined ? options : { ...options, timeoutMs: Math.max(1, options.timeoutMs - (Date.now() - startedAt)) };
  try {
    return await work(worker, remaining);
  } catch (error) {
    return await recover(hooks, request, options, remaining, work, retried, worker, error);
  } finally {
    hooks.settle(worker, request);
  }
}

/** After a failed run: the error the caller should see, or the result of the one retry an idempotent call gets. */
async function recover<W, T>(hooks: RunHooks<W>, request: CallRequest, options: TransportCallOptions, remaining: TransportCallOptions, work: (worker: W, options: TransportCallOptions) => Promise<T>, retried: boolean, worker: W, error: unknown): Promise<T> {
  const explained = await hooks.explain(error, worker, request);
  // The worker was given what was left of the deadline; the caller should see the deadline it set.
  if (explained instanceof TimeoutError && options.timeoutMs !== undefined && explained.timeoutMs !== options.timeoutMs) {
    throw new TimeoutError(explained.target, options.timeoutMs, { cause: explained.cause ?? explained });
  }
  if (explained instanceof WorkerCrashedError && options.idempotent && !retried && !affinityOf(request)) {
    return runScheduled(hooks, request, remaining, work, true);
  }
  throw explained;
}

/**
 * Runs a batch split over `workers` workers (calls on a remote object stay
 * with its owner, see splitBatch); each share is a scheduled run, so a share
 * lost with its worker is retried like a call when the batch is idempotent.
 */
export async function runScheduledBatch<W>(hooks: RunHooks<W>, requests: readonly CallRequest[], options: BatchOptions, workers: number, work: (worker: W, requests: CallRequest[], options: BatchOptions) => Promise<CallOutcome[]>): Promise<CallOutcome[]> {
  const groups = splitBatch(requests, Math.max(1, workers));
  const outcomes: CallOutcome[] = new Array(requests.length);
  await Promise.all(groups.map(async (group) => {
    const first = group.requests[0];
    if (!first) return;
    try {
      const settled = await runScheduled(hooks, first, options, (worker, remaining) => work(worker, group.requests, remaining));
      settled.forEach((outcome, index) => (outcomes[group.indexes[index] ?? 0] = outcome));
    } catch (error) {
      for (const index of group.indexes) outcomes[index] = { status: "rejected", reason: error as Error };
    }
  }));
  return outcomes;
}

/** Streams from a worker chosen for `request`; a failure is explained like a call's (never retried: items may have been seen). */
export async function* streamScheduled<W>(hooks: RunHooks<W>, request: CallRequest, options: TransportCallOptions, open: (worker: W) => AsyncIterable<unknown>): AsyncIterable<unknown> {
  const worker = await hooks.acquire(request, options);
  try {
    yield* open(worker);
  } catch (error) {
    throw await hooks.explain(error, worker, request);
  } finally {
    hooks.settle(worker, request);
  }
}
