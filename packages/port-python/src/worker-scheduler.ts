import { CancelledError, SaturatedError, TimeoutError, describeTarget, type CallRequest, type RemoteRef, type TransportCallOptions } from "@snakepit/core";
import { CallQueue } from "./call-queue.js";
import { affinityOf } from "./ref-affinity.js";

/** What the scheduler needs to know of a worker: its load, and whether it takes new calls. */
export interface Schedulable {
  /** Reported to `options.onWorker` (the facade puts it on the call's span as snakepit.worker.id). */
  readonly id: string;
  /** Calls sent and not yet settled (from our side). */
  inFlight: number;
  /** Takes new calls (not starting, retiring, dead or out of rotation). */
  readonly accepting: boolean;
}

export interface WorkerSchedulerOptions<W extends Schedulable> {
  /** Calls one worker runs at once before the scheduler queues. */
  readonly capacity: number;
  /** Calls allowed to wait; past it calls fail with SaturatedError. */
  readonly maxQueue: number;
  /** The workers to choose from, in a stable order. */
  readonly workers: () => Iterable<W | undefined>;
  /** The worker holding `ref` (it must take the call whatever its load), or a typed error saying why it cannot. */
  readonly owner: (ref: RemoteRef, target: string) => W;
}

/**
 * Picks the worker of each call: the owner of the remote object it touches
 * (ref affinity), else the least-loaded accepting worker under its capacity,
 * else a place in a bounded FIFO queue. Shared by the local pool and the
 * remote fleet so both schedule the same way; they decide what a worker is.
 *
 * @example
 * const scheduler = new WorkerScheduler({ capacity: 32, maxQueue: 10_000, workers: () => slots, owner });
 * const worker = await scheduler.acquire(request, options); try { … } finally { scheduler.settle(worker); }
 */
export class WorkerScheduler<W extends Schedulable> {
  readonly #queue: CallQueue<W>;

  constructor(private readonly options: WorkerSchedulerOptions<W>) {
    this.#queue = new CallQueue(options.maxQueue);
  }

  /** Calls waiting for a worker slot. */
  get queued(): number {
    return this.#queue.length;
  }

  /** The worker for `request`, counted as busy; waits in the queue when every worker is at capacity. */
  async acquire(request: CallRequest, options: TransportCallOptions): Promise<W> {
    const worker = await this.#choose(request, options);
    options.onWorker?.(worker.id);
    return worker;
  }

  /**
   * The worker for `request` when one can take it right now (its owner, or
   * a free worker), counted as busy; undefined when the call would have to
   * wait or fail, which `acquire` then does. The synchronous path of a call
   * costs no promise.
   */
  tryAcquire(request: CallRequest, options: TransportCallOptions): W | undefined {
    const owned = affinityOf(request);
    let worker: W | undefined;
    if (owned) {
      try {
        worker = this.options.owner(owned, describeTarget(request));
      } catch {
        return undefined; // acquire reports the same error as a rejection
      }
    } else {
      worker = this.leastLoaded();
    }
    if (!worker) return undefined;
    worker.inFlight++;
    options.onWorker?.(worker.id);
    return worker;
  }

  #choose(request: CallRequest, options: TransportCallOptions): Promise<W> | W {
    const target = describeTarget(request);
    const owned = affinityOf(request);
    if (owned) {
      const owner = this.options.owner(owned, target);
      owner.inFlight++;
      return owner;
    }
    const free = this.leastLoaded();
    if (free) {
      free.inFlight++;
      return free;
    }
    if (this.#queue.full) throw new SaturatedError(target, this.#queue.length);
    const signals = [options.signal, options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs)].filter((signal) => signal !== undefined);
    const signal = signals.length ? AbortSignal.any(signals) : undefined;
    return this.#queue.wait(signal, () => (options.signal?.aborted ? new CancelledError(target, "aborted while waiting for a worker") : new TimeoutError(target, options.timeoutMs ?? 0)));
  }

  /** The accepting worker with the fewest calls in flight and room for one more. */
  leastLoaded(): W | undefined {
    let best: W | undefined;
    for (const worker of this.options.workers()) {
      if (!worker?.accepting || worker.inFlight >= this.options.capacity) continue;
      if (!best || worker.inFlight < best.inFlight) best = worker;
    }
    return best;
  }

  /** A call on `worker` finished: free its slot and hand it to a waiter if it still takes calls. */
  settle(worker: W): void {
    worker.inFlight--;
    this.offer(worker);
  }

  /** Hands `worker`'s free slots to waiters (after it settled a call, started, or came back into rotation). */
  offer(worker: W): void {
    while (worker.accepting && worker.inFlight < this.options.capacity && this.#queue.length) {
      worker.inFlight++;
      if (!this.#queue.offer(worker)) worker.inFlight--;
    }
  }

  /** Rejects every waiter (shutdown). */
  rejectAll(error: Error): void {
    this.#queue.rejectAll(error);
  }
}
