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
  /**
   * Its calls in flight that were placed by load rather than packed (any call
   * not known to be cheap): while it has one, no cheap calls are packed onto
   * it, so none waits behind a long call. Kept by the scheduler.
   */
  readonly spreadCalls: Set<CallRequest>;
}

/** Packing calls of cheap paths onto one worker (call-costs.ts explains why). */
export interface LaneOptions {
  /** Calls of `target` are cheap enough to pack. */
  readonly cheap: (target: string) => boolean;
  /** Packed calls one worker takes at once; more go by load. */
  readonly capacity: number;
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
  /** Pack calls of cheap paths onto one worker (the local pool); absent, every call goes by load. */
  readonly lane?: LaneOptions;
}

/**
 * Picks the worker of each call: the owner of the remote object it touches
 * (ref affinity); for a call of a path known to be cheap, the lane — the
 * first worker with no other kind of call in flight, up to the lane's
 * capacity; else the least-loaded accepting worker under its capacity; else a
 * place in a bounded FIFO queue. Shared by the local pool and the remote fleet
 * so both schedule the same way; they decide what a worker is.
 *
 * @example
 * const scheduler = new WorkerScheduler({ capacity: 32, maxQueue: 10_000, workers: () => slots, owner });
 * const worker = await scheduler.acquire(request, options); try { … } finally { scheduler.settle(worker, request); }
 */
export class WorkerScheduler<W extends Schedulable> {
  readonly #queue: CallQueue<W>;
  #lane: W | undefined;

  constructor(private readonly options: WorkerSchedulerOptions<W>) {
    this.#queue = new CallQueue(options.maxQueue);
  }

  /** Calls waiting for a worker slot. */
  get queued(): number {
    return this.#queue.length;
  }

  /**
   * The worker the last cheap call was packed onto, while nothing else runs
   * on it: the calls placed on it are packed (TransportCallOptions.packed).
   */
  get lane(): W | undefined {
    return this.#lane;
  }

  /**
   * The worker for `request`, counted as busy; waits in the queue when every
   * worker is at capacity. `mayPack`: a plain call, which may join the lane
   * when its path is cheap (batch shares, streams and describes never do).
   */
  async acquire(request: CallRequest, options: TransportCallOptions, mayPack = false): Promise<W> {
    const worker = this.#place(request, mayPack) ?? (await this.#wait(request, options));
    options.onWorker?.(worker.id);
    return worker;
  }

  /**
   * The worker for `request` when one can take it right now (its owner, the
   * lane, or a free worker), counted as busy; undefined when the call would
   * have to wait or fail, which `acquire` then does. The synchronous path of a
   * call costs no promise.
   */
  tryAcquire(request: CallRequest, options: TransportCallOptions, mayPack = false): W | undefined {
    let worker: W | undefined;
    try {
      worker = this.#place(request, mayPack);
    } catch {
      return undefined; // acquire reports the same error as a rejection
    }
    if (worker) options.onWorker?.(worker.id);
    return worker;
  }

  /** Places `request` without waiting (counted as busy), or undefined; throws when its object's owner is gone. */
  #place(request: CallRequest, mayPack: boolean): W | undefined {
    const owned = affinityOf(request);
    if (owned) return this.#spread(this.options.owner(owned, describeTarget(request)), request);
    // Calls waiting in the queue go first: a cheap call never overtakes them into the lane's extra room.
    if (mayPack && this.#queue.length === 0 && this.options.lane?.cheap(request.target)) {
      const lane = this.#findLane();
      if (lane && lane.inFlight < this.options.lane.capacity) {
        this.#lane = lane;
        lane.inFlight++;
        return lane;
      }
      // The lane is full: a cheap call goes by load, and does not keep its worker out of the lane.
      const free = this.leastLoaded();
      if (free) free.inFlight++;
      return free;
    }
    const free = this.leastLoaded();
    return free ? this.#spread(free, request) : undefined;
  }

  /** The first accepting worker with nothing but packed calls in flight (one lane at a time, in a stable order). */
  #findLane(): W | undefined {
    for (const worker of this.options.workers()) {
      if (worker?.accepting && worker.spreadCalls.size === 0) return worker;
    }
    return undefined;
  }

  /** Counts a call placed by load on `worker`, which stops being the lane until it is done. */
  #spread(worker: W, request: CallRequest): W {
    worker.inFlight++;
    return this.#byLoad(worker, request);
  }

  /** Notes that `request` runs on `worker` by load (its slot already counted): no cheap call is packed behind it. */
  #byLoad(worker: W, request: CallRequest): W {
    worker.spreadCalls.add(request);
    if (worker === this.#lane) this.#lane = undefined;
    return worker;
  }

  async #wait(request: CallRequest, options: TransportCallOptions): Promise<W> {
    const target = describeTarget(request);
    if (this.#queue.full) throw new SaturatedError(target, this.#queue.length);
    const signals = [options.signal, options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs)].filter((signal) => signal !== undefined);
    const signal = signals.length ? AbortSignal.any(signals) : undefined;
    const worker = await this.#queue.wait(signal, () => (options.signal?.aborted ? new CancelledError(target, "aborted while waiting for a worker") : new TimeoutError(target, options.timeoutMs ?? 0)));
    // Handed a slot by `offer` (already counted): it runs by load, like any call that had to wait.
    return this.#byLoad(worker, request);
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

  /** The call of `request` on `worker` finished: free its slot and hand it to a waiter if it still takes calls. */
  settle(worker: W, request: CallRequest): void {
    worker.inFlight--;
    if (worker.spreadCalls.size !== 0) worker.spreadCalls.delete(request);
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
