import {
  CancelledError, QuotaExceededError, TimeoutError, describeTarget, parseDuration,
  type BatchOptions, type CallOutcome, type CallRequest, type Description, type HealthStatus, type RemoteRef,
  type TenantConfig, type Transport, type TransportCallOptions,
} from "@snakepit/core";

/** A tenant's quota, as written under `tenants.<name>.quota`. */
export type Quota = NonNullable<TenantConfig["quota"]>;

/**
 * Admission control in front of one tenant's worker pool: at most
 * `maxConcurrent` messages (a call, a batch, a stream, an introspection) run
 * at once, at most `maxQueued` wait for a turn, and at most `rate.calls`
 * calls start per `rate.per` window. Past any of them the call fails at once
 * with a QuotaExceededError naming the tenant and the limit; it never reaches
 * a worker. The pool behind it is the tenant's own, so a flood stays inside
 * the tenant even without a quota; the quota keeps the flood cheap and loud.
 */
export class QuotaTransport implements Transport {
  readonly #waiting: { readonly admit: () => void; readonly reject: (error: Error) => void }[] = [];
  readonly #windowMs: number | undefined;
  #running = 0;
  #windowStart = 0;
  #windowCalls = 0;
  #closed = false;

  /** Present when the pool behind serves tools to Python (callbacks); tool calls come from Python, so no quota applies. */
  readonly useTools?: (tools: Parameters<NonNullable<Transport["useTools"]>>[0]) => void;

  constructor(readonly tenant: string, readonly quota: Quota, private readonly inner: Transport) {
    this.#windowMs = quota.rate ? parseDuration(quota.rate.per) : undefined;
    if (inner.useTools) this.useTools = (tools) => inner.useTools?.(tools);
  }

  get capabilities() {
    return this.inner.capabilities;
  }

  /** Messages running now and waiting for a turn (for diagnostics and tests). */
  get usage(): { readonly running: number; readonly queued: number } {
    return { running: this.#running, queued: this.#waiting.length };
  }

  call(request: CallRequest, options: TransportCallOptions = {}): Promise<unknown> {
    return this.#admitted(describeTarget(request), 1, options, () => this.inner.call(request, options));
  }

  batch(requests: readonly CallRequest[], options: BatchOptions = {}): Promise<CallOutcome[]> {
    const first = requests[0];
    if (!first) return this.inner.batch(requests, options);
    return this.#admitted(`batch of ${requests.length} (${describeTarget(first)}, …)`, requests.length, options, () => this.inner.batch(requests, options));
  }

  async *stream(request: CallRequest, options: TransportCallOptions = {}): AsyncIterable<unknown> {
    const release = await this.#enter(describeTarget(request), 1, options);
    try {
      yield* this.inner.stream(request, options);
    } finally {
      release();
    }
  }

  release(refs: readonly RemoteRef[]): Promise<void> {
    return this.inner.release(refs);
  }

  describe(target: string, options: { readonly members?: boolean; readonly signal?: AbortSignal } = {}): Promise<Description> {
    return this.#admitted(target, 0, options, () => this.inner.describe(target, options));
  }

  health(options: { readonly signal?: AbortSignal } = {}): Promise<HealthStatus> {
    return this.inner.health(options);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter.reject(new CancelledError("(queued call)", `tenant "${this.tenant}" is closing`));
    await this.inner.close();
  }

  async #admitted<T>(target: string, calls: number, options: TransportCallOptions, work: () => Promise<T>): Promise<T> {
    const release = await this.#enter(target, calls, options);
    try {
      return await work();
    } finally {
      release();
    }
  }

  /** Waits for a turn (or refuses); resolves with the function that gives the turn back. */
  async #enter(target: string, calls: number, options: TransportCallOptions): Promise<() => void> {
    if (this.#closed) throw new CancelledError(target, `tenant "${this.tenant}" is closed`);
    this.#chargeRate(target, calls);
    const { maxConcurrent, maxQueued } = this.quota;
    if (maxConcurrent === undefined || this.#running < maxConcurrent) {
      this.#running++;
      return () => this.#leave();
    }
    if (maxQueued !== undefined && this.#waiting.length >= maxQueued) {
      throw new QuotaExceededError(this.tenant, "maxQueued", target, `${this.#running} calls running, the most it may run at once, and ${this.#waiting.length} waiting, the most it may queue`);
    }
    await this.#wait(target, options);
    return () => this.#leave();
  }

  #wait(target: string, options: TransportCallOptions): Promise<void> {
    const signals = [options.signal, options.timeoutMs === undefined ? undefined : AbortSignal.timeout(options.timeoutMs)].filter((signal) => signal !== undefined);
    const signal = signals.length ? AbortSignal.any(signals) : undefined;
    return new Promise<void>((resolve, reject) => {
      const abort = () => {
        const index = this.#waiting.indexOf(waiter);
        if (index >= 0) this.#waiting.splice(index, 1);
        reject(options.signal?.aborted ? new CancelledError(target, "aborted while waiting for the tenant's quota") : new TimeoutError(target, options.timeoutMs ?? 0));
      };
      const waiter = {
        // The turn passes straight from the leaving call to this one: #running does not change.
        admit: () => {
          signal?.removeEventListener("abort", abort);
          resolve();
        },
        reject,
      };
      signal?.addEventListener("abort", abort, { once: true });
      this.#waiting.push(waiter);
    });
  }

  #leave(): void {
    const next = this.#waiting.shift();
    if (next) next.admit();
    else this.#running--;
  }

  /** A fixed window: simple, and strict enough for "at most N calls per minute". */
  #chargeRate(target: string, calls: number): void {
    const rate = this.quota.rate;
    if (!rate || this.#windowMs === undefined || calls === 0) return;
    const now = Date.now();
    if (now - this.#windowStart >= this.#windowMs) {
      this.#windowStart = now;
      this.#windowCalls = 0;
    }
    if (this.#windowCalls + calls > rate.calls) {
      throw new QuotaExceededError(this.tenant, "rate", target, `${this.#windowCalls} of ${rate.calls} calls per ${String(rate.per)} already used; the window reopens in ${this.#windowMs - (now - this.#windowStart)} ms`);
    }
    this.#windowCalls += calls;
  }
}
