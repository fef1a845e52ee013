import { NotFoundError, TransportError } from "../errors/index.js";
import type { BatchOptions, CallOutcome, CallRequest, TransportCallOptions } from "../model/call.js";
import type { Description } from "../model/description.js";
import type { HealthStatus } from "../model/health.js";
import { RemoteRef } from "../model/remote-ref.js";
import type { Transport } from "../ports/transport.js";
import { CallCoalescer } from "./call-coalescer.js";
import { callPoliciesOf, type ResolvedPolicy } from "./call-policies.js";
import { assembleChunks, chunkedTarget, defaultChunkBytes, isMessageTooLarge } from "./chunked-result.js";
import { createModuleProxy, type ModuleProxy } from "./module-proxy.js";
import { PipelineBuilder } from "./pipeline-builder.js";
import { pipelineTarget } from "./pipeline-graph.js";
import { resolvePipelineReply, type PipelineResult } from "./pipeline-reply.js";
import { mapDeep } from "./refs.js";
import { proxyRemoteObject, RemoteObject, type DynamicMethods, type RemoteObjectHost, type RemoteProxy } from "./remote-object.js";
import { ResultCache, type CacheStats } from "./result-cache.js";
import { CallAllowlist } from "../security/allowlist.js";
import { CallAudit, type AuditEntry } from "./call-audit.js";
import { ToolRegistry, type ToolFunction, type ToolOptions } from "../callbacks/tool-registry.js";
import { CallTelemetry, type TelemetryEntry, type TracedCall } from "../telemetry/call-telemetry.js";
import { observeCacheStats } from "../telemetry/cache-metrics.js";
import { telemetryNames } from "../telemetry/telemetry-names.js";
import { reportingWorker, withTrace, withTraceIds } from "../telemetry/call-tracing.js";
import type { BatchCall, CallOptions, SnakepitDependencies } from "./snakepit-options.js";
import { hasKeys } from "./has-keys.js";

export type { BatchCall, CallOptions, SnakepitDependencies } from "./snakepit-options.js";

/**
 * The one object a program talks to: calls, module proxies, remote objects,
 * batches and streams, over whatever Transport it was given.
 *
 * @example
 * await using py = createSnakepit({ transport });
 * const mean = await py.call<number>("statistics.mean", [[1, 2, 3]]);
 */
export class Snakepit implements AsyncDisposable {
  readonly #transport: Transport;
  readonly #policies: Map<string, ResolvedPolicy>;
  readonly #cache: ResultCache | undefined;
  readonly #versions = new Map<string, Promise<string>>();
  readonly #finalizer: FinalizationRegistry<RemoteRef>;
  readonly #host: RemoteObjectHost;
  readonly #coalescer: CallCoalescer;
  readonly #allowlist: CallAllowlist;
  readonly #audit: CallAudit;
  readonly #tools: ToolRegistry;
  /** One wrapper per function, so a function passed twice is one callback (one handle) for Python. */
  readonly #callbacks = new WeakMap<(...args: unknown[]) => unknown, (...args: unknown[]) => unknown>();
  readonly #telemetry: CallTelemetry;
  readonly #stopCacheMetrics: (() => void) | undefined;
  #closed: Promise<void> | undefined;

  constructor(private readonly dependencies: SnakepitDependencies) {
    this.#transport = dependencies.transport;
    this.#coalescer = new CallCoalescer(dependencies.transport, dependencies.maxBatchSize ?? 10_000);
    this.#policies = callPoliciesOf(dependencies.catalog);
    this.#allowlist = dependencies.allowlist ?? CallAllowlist.permissive();
    this.#audit = new CallAudit(dependencies.audit);
    this.#tools = dependencies.tools ?? new ToolRegistry();
    dependencies.transport.useTools?.(this.#tools);
    this.#cache = dependencies.cache ? new ResultCache(dependencies.cache, (path) => this.#libraryVersion(path)) : undefined;
    this.#telemetry = new CallTelemetry(dependencies.telemetry);
    this.#stopCacheMetrics = this.#cache ? observeCacheStats(this.#telemetry.meter, this.#cache.stats) : undefined;
    // Safety net: a RemoteObject that was never disposed releases its Python object when collected.
    this.#finalizer = new FinalizationRegistry((ref) => {
      if (!this.#closed) this.#transport.release([ref]).catch(() => undefined);
    });
    this.#host = {
      invoke: (ref, attribute, kind, args, kwargs, options) =>
        this.#observe({ path: `${ref.pythonType}.${attribute}`, kind: "method", args, kwargs }, (traced) =>
          this.#send(withTrace({ target: "", ref, attribute, kind, args, kwargs }, traced), reportingWorker(this.#withDefaults(options), traced))),
      release: (ref) => this.#transport.release([ref]),
      forget: (handle) => this.#finalizer.unregister(handle),
    };
  }

  /** Calls a Python callable by dotted path; results that cannot be copied come back as RemoteObjects. */
  call<T = unknown>(path: string, args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}, options: CallOptions = {}): Promise<T> {
    return this.#observe({ path, kind: "call", label: options.label, args, kwargs }, (traced) => this.#call<T>(path, args, kwargs, options, traced));
  }

  #call<T>(path: string, args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>, options: CallOptions, traced: TracedCall | undefined): Promise<T> {
    const policy = this.#policies.get(path);
    // Without a policy the caller's options are used as they are: no copies on the plain path.
    const merged = reportingWorker(this.#withDefaults(policy ? {
      ...(policy.deadlineMs !== undefined ? { timeoutMs: policy.deadlineMs } : {}),
      ...(policy.idempotent ? { idempotent: true } : {}),
      ...options,
    } : options), traced);
    const pure = options.pure ?? policy?.pure ?? false;
    const coalesce = options.coalesce ?? this.dependencies.coalesce ?? false;
    const request = withTrace({ target: path, args, kwargs }, traced);
    const refusal = this.#allowlist.refusal(request);
    if (refusal) return Promise.reject(refusal);
    if (!pure || !this.#cache) {
      const wrap = this.#wrapValue as (value: unknown) => T;
      if (options.chunked) return this.#sendChunked(request, merged).then(wrap);
      // The plain path: one promise from the transport's, wrapping on success and retrying in parts on a too-large result.
      return this.#sendAllowed(request, merged, coalesce).then(wrap, (error: unknown) => this.#retryChunked(error, request, merged, pure).then(wrap));
    }
    // A call that never reached `compute` was a cache hit (or joined one in flight): the span says so.
    let computed = false;
    const compute = () => {
      computed = true;
      if (options.chunked) return this.#sendChunked(request, merged);
      return this.#sendAllowed(request, merged, coalesce).catch((error: unknown) => this.#retryChunked(error, request, merged, pure));
    };
    // The cache holds raw results; each caller gets its own wrapping of refs.
    return this.#cache.run(path, args, kwargs, options.ttlMs ?? policy?.ttlMs, compute).then((value) => {
      traced?.span.setAttribute(telemetryNames.attributes.cacheHit, !computed);
      return this.#wrapResult(value) as T;
    });
  }

  /** A result too large for one message: the call again in parts, when running it twice is safe. */
  #retryChunked(error: unknown, request: CallRequest, options: TransportCallOptions, pure: boolean): Promise<unknown> {
    if (!isMessageTooLarge(error)) return Promise.reject(error);
    // Running the call again is only safe when it has no side effects worth fearing.
    if (pure || options.idempotent) return this.#sendChunked(request, options);
    return Promise.reject(new TransportError(`${request.target} returned a result too large for one message. Call it with { chunked: true } to stream the result in parts (or mark it pure or idempotent to let Snakepit retry that way).`, { cause: error }));
  }

  /** `#wrapResult` as one function for every call's `then`, not a closure per call. */
  readonly #wrapValue = (value: unknown): unknown => this.#wrapResult(value);

  /** Constructs a Python object (or calls a factory) and keeps the result remote. */
  async create<Methods extends object = DynamicMethods>(path: string, args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}, options: TransportCallOptions = {}): Promise<RemoteProxy<Methods>> {
    const result = await this.#observe({ path, kind: "create", args, kwargs }, (traced) => this.#send(withTrace({ target: path, args, kwargs, resultMode: "ref" }, traced), reportingWorker(this.#withDefaults(options), traced)));
    if (!(result instanceof RemoteObject)) throw new TypeError(`${path} did not return a remote object; use call() for values.`);
    return result as RemoteProxy<Methods>;
  }

  /** Reads a module attribute by dotted path ("math.pi", "numpy.__version__" is refused: no dunders). */
  getAttribute<T = unknown>(path: string, options: TransportCallOptions = {}): Promise<T> {
    return this.#observe({ path, kind: "getattr" }, (traced) => this.#send(withTrace({ target: path, kind: "getattr" }, traced), reportingWorker(this.#withDefaults(options), traced))) as Promise<T>;
  }

  /** A dynamic proxy over a Python module; see {@link ModuleProxy}. */
  module<Members extends object = ModuleProxy>(path: string): Members {
    return createModuleProxy(path, (target, args, kwargs) => this.call(target, args, kwargs)) as unknown as Members;
  }

  /** Runs many calls in as few round trips as possible; each settles on its own, in order. */
  batch(calls: readonly BatchCall[], options: BatchOptions = {}): Promise<CallOutcome[]> {
    const paths = [...new Set(calls.map((call) => call.path))].join(",");
    return this.#observe({ path: paths, kind: "batch", batchSize: calls.length, args: calls.map((call) => call.args ?? []) }, (traced) => this.#batch(calls, options, traced));
  }

  async #batch(calls: readonly BatchCall[], options: BatchOptions, traced: TracedCall | undefined): Promise<CallOutcome[]> {
    const refusals = calls.map((call) => this.#allowlist.refusal({ target: call.path }));
    const allowed = calls.filter((_call, index) => !refusals[index]);
    const requests = allowed.map((call): CallRequest => withTrace({ target: call.path, args: this.#encodeArgs(call.args ?? []), kwargs: this.#encodeKwargs(call.kwargs ?? {}) }, traced));
    const size = this.dependencies.maxBatchSize ?? 10_000;
    const chunks: CallRequest[][] = [];
    for (let start = 0; start < requests.length; start += size) chunks.push(requests.slice(start, start + size));
    const batchOptions = reportingWorker(this.#withDefaults(options), traced);
    const settled = await Promise.all(chunks.map((chunk) => this.#transport.batch(chunk, batchOptions)));
    const sent = settled.flat().map((outcome): CallOutcome => (outcome.status === "fulfilled" ? { status: "fulfilled", value: this.#wrapResult(outcome.value) } : outcome));
    // Refused calls never left Node; they settle as rejected in their place (an index, not shift(): O(n), not O(n²)).
    let next = 0;
    return refusals.map((refusal) => (refusal ? { status: "rejected", reason: refusal } : (sent[next++] as CallOutcome)));
  }

  /**
   * Runs a graph of dependent calls in one round trip on one worker. The
   * build function records steps on `p` (nothing runs yet) and returns the
   * nodes it wants back: one node, or an array or object of them. Every step
   * runs, in order; intermediate values stay in Python and are freed at the
   * end, except those returned through `p.keep(node)` (remote objects).
   * A failing step rejects with `PipelineStepError` naming it.
   *
   * @example
   * const { mean, frame } = await py.pipeline((p) => {
   *   const frame = p.call("pandas.read_csv", [path]);
   *   return { mean: p.call<number>("numpy.mean", [frame.item("x")]), frame: p.keep(frame) };
   * });
   */
  async pipeline<R>(build: (p: PipelineBuilder) => R, options: TransportCallOptions = {}): Promise<PipelineResult<R>> {
    const builder = new PipelineBuilder(this.#forPython);
    const { graph, template } = builder.seal(build(builder));
    const steps = graph[2];
    if (steps.length === 0) return template as PipelineResult<R>;
    const reply = await this.#observe({ path: pipelineTarget, kind: "pipeline", batchSize: steps.length, args: [graph] }, (traced) => {
      for (const [, path, , , name] of steps) this.#allowlist.check(path ? { target: path } : { target: "", ref: pipelineStepRef, attribute: name ?? "" });
      // The builder already put the arguments in wire form: the graph goes as it is.
      const request = withTrace({ target: pipelineTarget, args: [graph] }, traced);
      const refusal = this.#allowlist.refusal(request);
      return refusal ? Promise.reject(refusal) : this.#transport.call(request, reportingWorker(this.#withDefaults(options), traced));
    });
    return resolvePipelineReply(reply, template, (value) => this.#wrapResult(value)) as PipelineResult<R>;
  }

  /** Iterates a Python generator or iterable; `break` stops it in Python. */
  async *stream<T = unknown>(path: string, args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}, options: TransportCallOptions = {}): AsyncGenerator<T> {
    const request = { target: path, args: this.#encodeArgs(args), kwargs: this.#encodeKwargs(kwargs) };
    // A refused stream fails on its first item, and the audit records the refusal.
    const refusal = this.#allowlist.refusal(request);
    const items = this.#telemetry.trackStream({ path, kind: "stream" }, (traced) => {
      const source = refusal ? rejectingStream(refusal) : this.#transport.stream(withTrace(request, traced), reportingWorker(this.#withDefaults(options), traced));
      return this.#audit.trackStream(withTraceIds({ path, kind: "stream", args, kwargs }, traced), source);
    });
    for await (const item of items) yield this.#wrapResult(item) as T;
  }

  /** Introspects a module, class or callable. */
  describe(path: string, options?: { readonly members?: boolean; readonly signal?: AbortSignal }): Promise<Description> {
    return (this.dependencies.introspector ?? this.#transport).describe(path, options);
  }

  /**
   * Makes a TypeScript function callable from Python by name; returns a function that withdraws it.
   * Python sees exactly the tools exposed here. `validate` runs before `fn` and may throw.
   *
   * @example
   * py.expose("lookup_price", (symbol: string) => prices.get(symbol));
   * // Python: from snakepit_bridge import tools; tools.lookup_price("AAPL")
   */
  expose(name: string, fn: ToolFunction, options: ToolOptions = {}): () => void {
    if (!this.#transport.useTools) throw new TypeError(`Cannot expose "${name}": this Snakepit's transport cannot serve calls from Python (it has no useTools); use the Python worker pool, a gRPC or framed transport, or InMemoryTransport.`);
    // Python objects in the arguments arrive as RemoteObjects, as in the results of calls.
    return this.#tools.expose(name, (...args: unknown[]) => fn(...args.map((arg) => this.#wrapResult(arg))), options);
  }

  /** Liveness and readiness of the Python side. */
  health(options?: { readonly signal?: AbortSignal }): Promise<HealthStatus> {
    return this.#transport.health(options);
  }

  /** Result-cache counters; all zero when no cache is configured. */
  get cacheStats(): Readonly<CacheStats> {
    return this.#cache?.stats ?? { hits: 0, misses: 0, joined: 0 };
  }

  /** Forgets cached results: of one call, or all of them. */
  async invalidate(path?: string, args: readonly unknown[] = [], kwargs: Readonly<Record<string, unknown>> = {}): Promise<void> {
    await this.#cache?.invalidate(path, args, kwargs);
  }

  /**
   * Restarts the Python side onto the code now on disk, without dropping a
   * call: fresh workers take the queue, running calls finish on the old ones.
   * For development (edited local modules); `startSnakepit({ watch: true })`
   * does it on every save. Remote objects do not survive it.
   *
   * @example
   * await py.reload();
   */
  async reload(): Promise<void> {
    if (!this.dependencies.onReload) throw new TransportError("reload() has nothing to restart: this Snakepit was built on a bare transport. Use the Snakepit of startSnakepit(), or restart your own workers.");
    await this.dependencies.onReload();
  }

  /** Closes the transport, disconnects the cache, and stops whatever the runtime started. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= (async () => {
      this.#stopCacheMetrics?.();
      await this.#transport.close();
      await this.dependencies.cache?.disconnect();
      await this.dependencies.onClose?.();
    })();
    return this.#closed;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /** Runs `work` inside the call's span and reports it to the audit hook with the span's ids. */
  #observe<T>(entry: AuditEntry & TelemetryEntry, work: (traced: TracedCall | undefined) => Promise<T>): Promise<T> {
    return this.#telemetry.track(entry, (traced) => this.#audit.track(withTraceIds(entry, traced), () => work(traced)));
  }

  async #send(request: CallRequest, options: TransportCallOptions, coalesce = this.dependencies.coalesce ?? false): Promise<unknown> {
    return this.#wrapResult(await this.#sendRaw(request, options, coalesce));
  }

  #sendRaw(request: CallRequest, options: TransportCallOptions, coalesce = this.dependencies.coalesce ?? false): Promise<unknown> {
    const refusal = this.#allowlist.refusal(request);
    if (refusal) return Promise.reject(refusal);
    return this.#sendAllowed(request, options, coalesce);
  }

  /** `#sendRaw` for a request the allowlist has already let through. */
  #sendAllowed(request: CallRequest, options: TransportCallOptions, coalesce: boolean): Promise<unknown> {
    const encoded = { ...request, args: this.#encodeArgs(request.args ?? []), kwargs: this.#encodeKwargs(request.kwargs ?? {}) };
    return coalesce ? this.#coalescer.call(encoded, options) : this.#transport.call(encoded, options);
  }

  /** Runs the call through the reserved generator that returns the result in parts, and joins them. */
  #sendChunked(request: CallRequest, options: TransportCallOptions): Promise<unknown> {
    const args = [request.target, this.#encodeArgs(request.args ?? []), this.#encodeKwargs(request.kwargs ?? {}), defaultChunkBytes];
    const streamed = request.trace ? { target: chunkedTarget, args, trace: request.trace } : { target: chunkedTarget, args };
    return assembleChunks(this.#transport.stream(streamed, options), request.target);
  }

  #withDefaults<T extends TransportCallOptions>(options: T = {} as T): T {
    const timeoutMs = options.timeoutMs ?? this.dependencies.defaultTimeoutMs;
    return timeoutMs === undefined ? options : { ...options, timeoutMs };
  }

  #encodeArgs(args: readonly unknown[]): unknown[] {
    return mapDeep([...args], this.#forPython) as unknown[];
  }

  /** RemoteObjects travel as their refs; functions as callbacks whose Python-object arguments arrive as RemoteObjects. */
  readonly #forPython = (value: unknown): unknown => {
    if (typeof value !== "function" || value instanceof RemoteObject) return unwrapRemote(value);
    const fn = value as (...args: unknown[]) => unknown;
    let callback = this.#callbacks.get(fn);
    if (!callback) {
      callback = (...args: unknown[]) => fn(...args.map((arg) => this.#wrapResult(arg)));
      Object.defineProperty(callback, "name", { value: fn.name });
      Object.defineProperty(callback, "length", { value: fn.length });
      this.#callbacks.set(fn, callback);
    }
    return callback;
  };

  #encodeKwargs(kwargs: Readonly<Record<string, unknown>>): Record<string, unknown> {
    // Most calls pass none: one shared empty object instead of a copy and a walk per call.
    return hasKeys(kwargs) ? (mapDeep({ ...kwargs }, this.#forPython) as Record<string, unknown>) : noKeywords;
  }

  #wrapResult(value: unknown): unknown {
    return mapDeep(value, (item) => {
      if (!(item instanceof RemoteRef)) return item;
      const object = new RemoteObject(item, this.#host);
      this.#finalizer.register(object, item, object);
      return proxyRemoteObject(object);
    });
  }

  /** Version of the distribution behind a dotted path, for cache keys; "unknown" when Python cannot tell. */
  #libraryVersion(path: string): Promise<string> {
    const module = path.split(".")[0] ?? path;
    let version = this.#versions.get(module);
    if (!version) {
      version = this.describe(module)
        .then((description) => description.distribution?.version ?? "unversioned")
        .catch((error: unknown) => {
          if (error instanceof NotFoundError) throw error;
          return "unknown";
        });
      this.#versions.set(module, version);
    }
    return version;
  }
}

/** The keyword arguments of a call that passes none (frozen: requests are shared with transports). */
const noKeywords: Record<string, unknown> = Object.freeze({});

/** Stands for "an earlier step's value" when a pipeline step names a method or attribute of it. */
const pipelineStepRef = new RemoteRef("pipeline-step", "<pipeline step>");

/** A stream that fails when first read. */
function rejectingStream(error: Error): AsyncIterable<never> {
  return { [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error) }) };
}

function unwrapRemote(value: unknown): unknown {
  return value instanceof RemoteObject ? value.ref : value;
}
