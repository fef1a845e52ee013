import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CallCoalescer, CancelledError, NotFoundError, TimeoutError, TransportError, WorkerCrashedError, describeTarget, hasKeys,
  type BatchOptions, type CallOutcome, type CallRequest, type Description, type HealthStatus, type RemoteRef,
  type ToolRegistry, type Transport, type TransportCallOptions,
} from "@snakepit/core";
import { resolvePoolOptions, type ResolvedPoolOptions, type WorkerPoolOptions } from "./pool-options.js";
import { withPoolMetrics } from "./pool-metrics.js";
import { PythonProcess } from "./python-process.js";
import { RestartBackoff } from "./restart-backoff.js";
import { Worker } from "./worker.js";
import { runScheduled, runScheduledBatch, streamScheduled, type RunHooks } from "./scheduled-run.js";
import { WorkerScheduler } from "./worker-scheduler.js";
import { CallCosts } from "./call-costs.js";

/**
 * A supervised pool of Python workers behind the Transport interface, so the
 * facade cannot tell it from a single connection.
 *
 * Scheduling: least-loaded worker with a per-worker capacity; calls on a
 * remote object go to the worker that holds it; calls of functions the
 * workers report as cheap share one worker, the lane (call-costs.ts), and
 * plain ones made together reach it as one batch (lane batching, below); a
 * bounded queue turns overload into SaturatedError. Supervision: crashed workers are replaced
 * (their in-flight calls fail with WorkerCrashedError, idempotent ones are
 * retried once); a worker that ignores a deadline past the grace period is
 * killed and replaced; workers can be recycled after N calls or M MB.
 *
 * @example
 * const pool = await PythonWorkerPool.start({ pythonPath: env.pythonPath, transportFactory: createGrpcTransport });
 * const py = createSnakepit({ transport: pool });
 */
export class PythonWorkerPool implements Transport {
  readonly capabilities = { nativeBatch: true, streaming: true, refs: true, remoteCancellation: true };
  #options: ResolvedPoolOptions;
  readonly #slots: (Worker | undefined)[];
  readonly #byId = new Map<string, Worker>();
  readonly #scheduler: WorkerScheduler<Worker>;
  readonly #costs: CallCosts;
  /**
   * Lane batching: plain calls (no options, no remote object, no trace
   * context, no functions) of cheap paths made before the caller yields are
   * queued and sent per path as one batch (one MAP call on the lane), fewer
   * than four call by call. Once the calls share one worker, Node's own work
   * per call — scheduling, the session's pending entry, the wire message, the
   * argument encoding and the MAP re-join — was what was left; a batch pays it
   * once. 64 calls in flight: 1.0× → 1.9× the raw loop (README, "What session
   * 8 changed"); a lone cheap call pays ≈ 3 µs for the queue.
   */
  readonly #laneBatches: CallCoalescer | undefined;
  /** For batch shares, streams and describes: always placed by load. */
  readonly #hooks: RunHooks<Worker> = {
    acquire: (request, options) => this.#acquire(request, options, false),
    tryAcquire: (request, options) => (this.#closing ? undefined : this.#scheduler.tryAcquire(request, options, false)),
    settle: (worker, request) => this.#settle(worker, request),
    explain: (error, worker, request) => this.#explain(error, worker, request),
  };
  /** For plain calls: a call of a cheap path may be packed onto the lane worker. */
  readonly #callHooks: RunHooks<Worker> = {
    ...this.#hooks,
    acquire: (request, options) => this.#acquire(request, options, true),
    tryAcquire: (request, options) => (this.#closing ? undefined : this.#scheduler.tryAcquire(request, options, true)),
  };
  readonly #backoff = new RestartBackoff();
  readonly #token = randomBytes(24).toString("hex");
  #socketDir = "";
  #nextId = 1;
  #closing: Promise<void> | undefined;
  #rolling: Promise<void> = Promise.resolve();
  readonly #stopMetrics: () => void;
  #tools: ToolRegistry | undefined;

  private constructor(options: WorkerPoolOptions) {
    // Metrics wrap onEvent (restarts are counted from supervision events) and read the queue when collected.
    const measured = withPoolMetrics(resolvePoolOptions(options), () => this);
    this.#options = measured.options;
    this.#stopMetrics = measured.stop;
    this.#slots = Array.from({ length: this.#options.workers }, () => undefined);
    this.#costs = new CallCosts(this.#options.laneMicros);
    // The lane takes up to twice a worker's capacity of packed calls, and a lane batch at most that many.
    const lane = this.#options.laneMicros > 0 ? { cheap: (target: string) => this.#costs.cheap(target), capacity: 2 * this.#options.capacity } : undefined;
    this.#scheduler = new WorkerScheduler({
      capacity: this.#options.capacity,
      maxQueue: this.#options.maxQueue,
      workers: () => this.#slots,
      owner: (ref, target) => this.#owner(ref, target),
      ...(lane ? { lane } : {}),
    });
    this.#laneBatches = lane
      ? new CallCoalescer({ call: (request, options = {}) => this.#call(request, options), batch: (requests, options = {}) => this.#laneBatch(requests, options) }, lane.capacity, queueMicrotask)
      : undefined;
  }

  /** Starts every worker and resolves when all are ready. */
  static async start(options: WorkerPoolOptions): Promise<PythonWorkerPool> {
    const pool = new PythonWorkerPool(options);
    // A private 0700 directory: only this user can reach the sockets.
    pool.#socketDir = await mkdtemp(join(tmpdir(), "snakepit-"));
    try {
      await Promise.all(pool.#slots.map((_, slot) => pool.#spawn(slot)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Python may call these tools (`snakepit_bridge.tools`) on every worker, present and future. */
  useTools(tools: ToolRegistry): void {
    this.#tools = tools;
    for (const worker of this.#slots) worker?.transport.useTools?.(tools);
  }

  /** Workers currently ready. */
  get readyWorkers(): number {
    return this.#slots.filter((worker) => worker?.state === "ready").length;
  }

  /** Process ids of the live workers (for diagnostics and tests). */
  get pids(): number[] {
    return this.#slots.flatMap((worker) => (worker?.alive && worker.process.pid ? [worker.process.pid] : []));
  }

  /** Calls waiting for a worker slot. */
  get queued(): number {
    return this.#scheduler.queued;
  }

  call(request: CallRequest, options: TransportCallOptions = {}): Promise<unknown> {
    if (this.#laneBatches && !request.ref && !request.trace && !hasKeys(options) && this.#costs.cheap(request.target)) return this.#laneBatches.call(request);
    return this.#call(request, options);
  }

  #call(request: CallRequest, options: TransportCallOptions): Promise<unknown> {
    return runScheduled(this.#callHooks, request, options, (worker, remaining) => worker.transport.call(request, this.#onLane(worker, remaining)));
  }

  /** A batch of one cheap path's calls, placed like one call of it (on the lane). */
  #laneBatch(requests: readonly CallRequest[], options: BatchOptions): Promise<CallOutcome[]> {
    const first = requests[0] as CallRequest;
    return runScheduled(this.#callHooks, first, options, (worker, remaining) => worker.transport.batch(requests, this.#onLane(worker, remaining)));
  }

  /** `options`, marked packed when the scheduler just placed the call on the lane (its frames ask the worker to poll). */
  #onLane<O extends TransportCallOptions>(worker: Worker, options: O): O {
    if (worker !== this.#scheduler.lane) return options;
    // No allocation for a call with no other options (the common case).
    return hasKeys(options) ? { ...options, packed: true } : (packed as O);
  }

  batch(requests: readonly CallRequest[], options: BatchOptions = {}): Promise<CallOutcome[]> {
    return runScheduledBatch(this.#hooks, requests, options, this.readyWorkers, (worker, group, remaining) => worker.transport.batch(group, remaining));
  }

  stream(request: CallRequest, options: TransportCallOptions = {}): AsyncIterable<unknown> {
    return streamScheduled(this.#hooks, request, options, (worker) => worker.transport.stream(request, options));
  }

  async release(refs: readonly RemoteRef[]): Promise<void> {
    const byOwner = Map.groupBy(refs, (ref) => ref.owner);
    await Promise.all([...byOwner].map(async ([owner, owned]) => {
      const worker = this.#byId.get(owner);
      if (worker?.alive) await worker.transport.release(owned).catch(() => undefined);
    }));
  }

  describe(target: string, options: { readonly members?: boolean; readonly signal?: AbortSignal } = {}): Promise<Description> {
    return runScheduled(this.#hooks, { target }, options, (worker) => worker.transport.describe(target, options));
  }

  async health(options: { readonly signal?: AbortSignal } = {}): Promise<HealthStatus> {
    const endpoints = await Promise.all(this.#slots.map(async (worker, slot) => {
      if (!worker?.alive) return { id: worker?.id ?? `slot-${slot}`, ready: false, problem: "restarting" };
      try {
        const status = await worker.transport.health(options);
        const endpoint = status.endpoints[0];
        return { ...endpoint, id: worker.id, ready: status.ready && worker.state === "ready", pid: worker.process.pid };
      } catch (error) {
        return { id: worker.id, ready: false, problem: (error as Error).message };
      }
    }));
    return { ready: endpoints.length > 0 && endpoints.every((endpoint) => endpoint.ready), endpoints };
  }

  /**
   * Rolling restart, for code that changed on disk (watch mode, a new
   * environment): each slot gets a fresh worker first, queued calls move to
   * the fresh workers, and the old ones stop taking calls, finish what they
   * have in flight and are then stopped. No queued or in-flight call fails.
   * Remote objects held by the old workers do not survive (as with any
   * restart). Resolves when every fresh worker is ready; `pythonPath`
   * switches the interpreter (a rebuilt environment) for these and later workers.
   *
   * @example
   * await pool.restartWorkers(); // after editing a local Python module
   */
  restartWorkers(options: { readonly pythonPath?: string } = {}): Promise<void> {
    // Two rolls at once (a save during a reload) would both fill the same slot; the second waits for the first.
    const roll = this.#rolling.then(() => this.#roll(options));
    this.#rolling = roll.catch(() => undefined);
    return roll;
  }

  async #roll(options: { readonly pythonPath?: string }): Promise<void> {
    if (this.#closing) throw new CancelledError("(restart)", "the worker pool is closed");
    if (options.pythonPath) this.#options = { ...this.#options, pythonPath: options.pythonPath };
    const previous = [...this.#slots];
    // One slot after another keeps the pool serving throughout and bounds the extra processes to one.
    for (const [slot, worker] of previous.entries()) {
      // An empty slot is already being refilled by the crash supervisor, with the current options.
      if (!worker) continue;
      await this.#spawn(slot);
      if (worker.state !== "dead") {
        worker.state = "retiring";
        this.#options.onEvent?.({ type: "worker-recycled", worker: worker.id, reason: "rolling restart" });
        if (worker.inFlight === 0) void this.#retire(worker);
      }
    }
  }

  /** Stops every worker: SIGTERM (drain), then SIGKILL of each process group. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.#stopMetrics();
      this.#scheduler.rejectAll(new CancelledError("(queued call)", "the worker pool is closing"));
      await Promise.all([...this.#byId.values()].map(async (worker) => {
        worker.state = "dead";
        await worker.transport.close().catch(() => undefined);
        await worker.process.stop(this.#options.shutdownGraceMs);
      }));
      if (this.#socketDir) await rm(this.#socketDir, { recursive: true, force: true });
    })();
    return this.#closing;
  }

  /** Picks the worker for a call, waiting in the bounded queue when all are busy. */
  #acquire(request: CallRequest, options: TransportCallOptions, mayPack: boolean): Promise<Worker> {
    if (this.#closing) return Promise.reject(new CancelledError(describeTarget(request), "the worker pool is closed"));
    return this.#scheduler.acquire(request, options, mayPack);
  }

  #owner(ref: RemoteRef, target: string): Worker {
    const worker = this.#byId.get(ref.owner);
    if (!worker?.alive) {
      throw new NotFoundError(target, `the worker that held this object (${ref.owner || "unknown"}) has exited; remote objects do not survive a worker restart. Create the object again.`);
    }
    return worker;
  }

  /** A call finished on `worker`: free its slot, hand it to a waiter, maybe recycle it. */
  #settle(worker: Worker, request: CallRequest): void {
    worker.completed++;
    this.#scheduler.settle(worker, request);
    if (worker.state === "retiring" && worker.inFlight === 0) void this.#retire(worker);
    this.#maybeRecycle(worker);
  }

  /** Turns a failure into the error the caller should see, and polices deadlines. */
  async #explain(error: unknown, worker: Worker, request: CallRequest): Promise<Error> {
    if (error instanceof TimeoutError || error instanceof CancelledError) {
      this.#checkAfterCancel(worker);
      return error;
    }
    // While the pool closes, a dropped connection is the close itself, not a crash.
    if (error instanceof TransportError && !this.#closing && (await worker.diedWithin(1_000))) {
      return new WorkerCrashedError(describeTarget(request), worker.id, worker.process.exitInfo ?? "connection lost", { cause: error });
    }
    return error as Error;
  }

  /** After a deadline or cancel, Python gets `cancelGraceMs` to stop; a worker still busy after that is replaced. */
  #checkAfterCancel(worker: Worker): void {
    setTimeout(async () => {
      if (!worker.alive || this.#closing) return;
      try {
        const status = await worker.transport.health({ signal: AbortSignal.timeout(1_000) });
        const pythonInFlight = status.endpoints[0]?.inFlight ?? 0;
        if (pythonInFlight > worker.inFlight) this.#kill(worker, `a cancelled call was still running ${this.#options.cancelGraceMs} ms after its deadline`);
      } catch {
        this.#kill(worker, "it stopped answering health checks after a cancelled call");
      }
    }, this.#options.cancelGraceMs).unref();
  }

  #kill(worker: Worker, reason: string): void {
    this.#options.onEvent?.({ type: "worker-killed", worker: worker.id, reason });
    worker.process.kill("SIGKILL");
  }

  #maybeRecycle(worker: Worker): void {
    if (worker.state !== "ready" || this.#closing) return;
    const { recycleAfterCalls, recycleAboveRssMb } = this.#options;
    if (recycleAfterCalls && worker.completed >= recycleAfterCalls) return void this.#beginRetire(worker, `${worker.completed} calls served`);
    if (recycleAboveRssMb && worker.completed % 100 === 0) {
      void worker.process.rssBytes().then((rss) => {
        if (rss && rss > recycleAboveRssMb * 1024 * 1024 && worker.state === "ready") this.#beginRetire(worker, `resident memory ${Math.round(rss / 1048576)} MB`);
      });
    }
  }

  /** Starts a replacement first, then stops the old worker once its calls are done. */
  #beginRetire(worker: Worker, reason: string): void {
    worker.state = "retiring";
    this.#options.onEvent?.({ type: "worker-recycled", worker: worker.id, reason });
    const slot = this.#slots.indexOf(worker);
    if (slot >= 0) void this.#spawn(slot).catch((error: Error) => this.#options.onEvent?.({ type: "restart-failed", error }));
    if (worker.inFlight === 0) void this.#retire(worker);
  }

  async #retire(worker: Worker): Promise<void> {
    worker.state = "dead";
    await worker.transport.close().catch(() => undefined);
    await worker.process.stop(this.#options.shutdownGraceMs);
    this.#byId.delete(worker.id);
  }

  async #spawn(slot: number): Promise<void> {
    const id = `w${this.#nextId++}`;
    const socketPath = join(this.#socketDir, `${id}.sock`);
    const startedAt = Date.now();
    const { process, handshake } = await PythonProcess.start({
      pythonPath: this.#options.pythonPath,
      socketPath,
      token: this.#token,
      startTimeoutMs: this.#options.startTimeoutMs,
      ...(this.#options.env || this.#options.typeModules ? { env: workerEnvironment(this.#options) } : {}),
      ...(this.#options.cwd ? { cwd: this.#options.cwd } : {}),
      ...(this.#options.security ? { security: this.#options.security } : {}),
      ...(this.#options.limits ? { limits: this.#options.limits } : {}),
      onStderr: (line) => this.#options.onEvent?.({ type: "worker-stderr", worker: id, line }),
    });
    const endpoint = { id, address: handshake.address, token: this.#token, onRunTime: this.#costs.observe, ...(handshake.frame_address ? { frameAddress: handshake.frame_address } : {}) };
    const worker = new Worker(endpoint, process, this.#options.transportFactory(endpoint));
    if (this.#tools) worker.transport.useTools?.(this.#tools);
    if (this.#closing) {
      await process.stop(0);
      return;
    }
    this.#byId.set(id, worker);
    this.#slots[slot] = worker;
    this.#options.onEvent?.({ type: "worker-started", worker: id, pid: handshake.pid, startMs: Date.now() - startedAt });
    void worker.exited.then((how) => this.#onExit(worker, slot, how));
    // Waiters queued while no worker had room can use the new one at once.
    this.#scheduler.offer(worker);
  }

  #onExit(worker: Worker, slot: number, how: string): void {
    const expected = worker.state === "dead" || this.#closing !== undefined;
    worker.state = "dead";
    this.#options.onEvent?.({ type: "worker-exited", worker: worker.id, how, expected });
    // Pending calls on the dead connection reject now (TransportError → WorkerCrashedError).
    void worker.transport.close().catch(() => undefined);
    if (expected || this.#slots[slot] !== worker) return;
    this.#slots[slot] = undefined;
    const lived = Date.now() - worker.startedAt;
    const restart = () => {
      if (this.#closing) return;
      this.#spawn(slot).then(() => this.#backoff.succeeded(), (error: Error) => {
        this.#options.onEvent?.({ type: "restart-failed", error });
        setTimeout(restart, this.#backoff.next(0)).unref();
      });
    };
    setTimeout(restart, this.#backoff.next(lived)).unref();
  }
}

/** The extra environment of each worker: the caller's, plus the user type modules to import. */
function workerEnvironment(options: ResolvedPoolOptions): Record<string, string> {
  return { ...options.env, ...(options.typeModules?.length ? { SNAKEPIT_TYPE_MODULES: options.typeModules.join(",") } : {}) };
}

/** The options of a call placed on the lane that came with none. */
const packed: TransportCallOptions = Object.freeze({ packed: true });
