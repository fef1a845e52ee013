import type { CallRequest, TransportCallOptions } from "../model/call.js";
import type { Transport } from "../ports/transport.js";

interface Waiting {
  readonly request: CallRequest;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Automatic batching, DataLoader-style: calls issued during the same turn of
 * the event loop (the current macrotask and its microtasks) leave together
 * as one `transport.batch`, and each caller still gets its own result or
 * error. The queue is flushed with `setImmediate`, which runs once the
 * current turn has queued everything it will.
 *
 * Only calls with the same deadline and retry policy share a batch (a batch
 * has one of each); a call with an AbortSignal is sent on its own, because a
 * batch has one signal and aborting one call must not cancel its neighbours.
 *
 * @example
 * const coalescer = new CallCoalescer(transport, 1_000);
 * await Promise.all([coalescer.call(a), coalescer.call(b)]); // one transport.batch([a, b])
 */
export class CallCoalescer {
  readonly #queues = new Map<string, { readonly options: TransportCallOptions; readonly waiting: Waiting[] }>();
  #scheduled = false;

  constructor(private readonly transport: Transport, private readonly maxBatchSize: number) {}

  call(request: CallRequest, options: TransportCallOptions = {}): Promise<unknown> {
    if (options.signal) return this.transport.call(request, options);
    const key = `${options.timeoutMs ?? ""}|${options.idempotent ? 1 : 0}`;
    let queue = this.#queues.get(key);
    if (!queue) {
      queue = { options, waiting: [] };
      this.#queues.set(key, queue);
    }
    const waiting = queue.waiting;
    const promise = new Promise<unknown>((resolve, reject) => waiting.push({ request, resolve, reject }));
    if (!this.#scheduled) {
      this.#scheduled = true;
      setImmediate(() => this.#flush());
    }
    return promise;
  }

  #flush(): void {
    this.#scheduled = false;
    const queues = [...this.#queues.values()];
    this.#queues.clear();
    for (const { options, waiting } of queues) {
      for (let start = 0; start < waiting.length; start += this.maxBatchSize) void this.#send(waiting.slice(start, start + this.maxBatchSize), options);
    }
  }

  async #send(waiting: readonly Waiting[], options: TransportCallOptions): Promise<void> {
    const [only] = waiting;
    // A lone call gains nothing from a batch envelope.
    if (only && waiting.length === 1) return this.transport.call(only.request, options).then(only.resolve, only.reject);
    try {
      const outcomes = await this.transport.batch(waiting.map((entry) => entry.request), options);
      waiting.forEach((entry, index) => {
        const outcome = outcomes[index];
        if (outcome?.status === "fulfilled") entry.resolve(outcome.value);
        else entry.reject(outcome?.reason ?? new Error("The transport returned fewer batch outcomes than calls."));
      });
    } catch (error) {
      for (const entry of waiting) entry.reject(error);
    }
  }
}
