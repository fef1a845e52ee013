import { CancelledError, NotFoundError, PythonError, SnakepitError, TimeoutError, TransportError } from "../errors/index.js";
import { describeTarget, type BatchOptions, type CallOutcome, type CallRequest, type TransportCallOptions } from "../model/call.js";
import type { Description, MemberSummary } from "../model/description.js";
import type { HealthStatus } from "../model/health.js";
import { RemoteRef } from "../model/remote-ref.js";
import type { TraceContext } from "../model/trace-context.js";
import type { Transport, TransportCapabilities } from "../ports/transport.js";
import { pipelineTarget, type PipelineGraph } from "../facade/pipeline-graph.js";
import { mapDeep } from "../facade/refs.js";
import { runPipelineInMemory } from "./in-memory-pipeline.js";
import type { ToolRegistry } from "../callbacks/tool-registry.js";
import { invokeWithSignal } from "../callbacks/callback-signal.js";
import { isClass, isPlainData } from "./python-like-values.js";

/**
 * A TS stand-in for a Python callable. Positional arguments are spread; keyword
 * arguments, when the call has any, arrive as one extra last argument.
 * A class is constructed with `new`; its instances stay "remote".
 * A function returning an iterable or async iterable can be streamed.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers are user code of any signature
export type InMemoryHandler = ((...args: any[]) => unknown) | (new (...args: any[]) => unknown) | string | number | boolean | bigint | null | object;

/** One call the transport received, for assertions. */
export interface RecordedCall {
  readonly method: "call" | "batch" | "stream" | "release" | "describe";
  readonly target: string;
  readonly args: readonly unknown[];
  readonly kwargs: Readonly<Record<string, unknown>>;
  /** The call's trace context, when its span was recorded (see the facade's `telemetry`). */
  readonly trace?: TraceContext;
}

export interface InMemoryTransportOptions {
  /** Delay every call by this many milliseconds (simulates a round trip). */
  readonly latencyMs?: number;
}

/**
 * Runs calls against TypeScript handlers registered by dotted path, behind the
 * real Transport interface: the documented way to test an application that
 * uses Snakepit without starting Python.
 *
 * @example
 * const transport = new InMemoryTransport({ "numpy.mean": (xs: number[]) => xs.reduce((a, b) => a + b) / xs.length });
 * const py = createSnakepit({ transport });
 * await py.call("numpy.mean", [[1, 2, 3]]); // 2
 * transport.calls; // [{ method: "call", target: "numpy.mean", args: [[1, 2, 3]], kwargs: {} }]
 */
export class InMemoryTransport implements Transport {
  readonly capabilities: TransportCapabilities = { nativeBatch: true, streaming: true, refs: true, remoteCancellation: true };
  /** Every call received, in order. */
  readonly calls: RecordedCall[] = [];
  readonly #handlers = new Map<string, InMemoryHandler>();
  readonly #objects = new Map<string, unknown>();
  readonly #failures = new Map<string, Error[]>();
  readonly #delays = new Map<string, number>();
  /** Rejecters of calls in flight, so close() can fail them as the port requires. */
  readonly #pending = new Set<(error: Error) => void>();
  #nextRef = 1;
  #closed = false;
  #tools: ToolRegistry | undefined;

  constructor(handlers: Readonly<Record<string, InMemoryHandler>> = {}, private readonly options: InMemoryTransportOptions = {}) {
    for (const [path, handler] of Object.entries(handlers)) this.register(path, handler);
  }

  /** Adds or replaces the handler for a dotted path. */
  register(path: string, handler: InMemoryHandler): this {
    this.#handlers.set(path, handler);
    return this;
  }

  /** Makes the next call to `path` fail with `error` (queue several to fail several calls). */
  failNext(path: string, error: Error): this {
    this.#failures.set(path, [...(this.#failures.get(path) ?? []), error]);
    return this;
  }

  /** Delays every call to `path` by `ms` milliseconds (for deadline and cancellation tests). */
  delay(path: string, ms: number): this {
    this.#delays.set(path, ms);
    return this;
  }

  /** Remote objects currently held (not yet released). */
  get liveObjects(): number {
    return this.#objects.size;
  }

  async call(request: CallRequest, options: TransportCallOptions = {}): Promise<unknown> {
    this.#record("call", request);
    options.onWorker?.("in-memory");
    return this.#withDeadline(request, options, () => this.#run(request));
  }

  async batch(requests: readonly CallRequest[], options: BatchOptions = {}): Promise<CallOutcome[]> {
    const outcomes: CallOutcome[] = [];
    let failed = false;
    if (requests.length > 0) options.onWorker?.("in-memory");
    for (const request of requests) {
      this.#record("batch", request);
      if (failed && options.stopOnError) {
        outcomes.push({ status: "rejected", reason: new CancelledError(describeTarget(request), "an earlier call of the batch failed") });
        continue;
      }
      try {
        outcomes.push({ status: "fulfilled", value: await this.#withDeadline(request, options, () => this.#run(request)) });
      } catch (error) {
        failed = true;
        outcomes.push({ status: "rejected", reason: error as Error });
      }
    }
    return outcomes;
  }

  async *stream(request: CallRequest, options: TransportCallOptions = {}): AsyncIterable<unknown> {
    this.#record("stream", request);
    options.onWorker?.("in-memory");
    const iterable = await this.#withDeadline(request, options, () => this.#run({ ...request, resultMode: "value" }, true));
    const target = describeTarget(request);
    if (!iterable || (typeof (iterable as AsyncIterable<unknown>)[Symbol.asyncIterator] !== "function" && typeof (iterable as Iterable<unknown>)[Symbol.iterator] !== "function")) {
      throw new PythonError({ pythonType: "TypeError", pythonModule: "builtins", pythonMessage: `'${typeof iterable}' object is not iterable`, traceback: "", target });
    }
    try {
      for await (const item of iterable as AsyncIterable<unknown>) {
        if (options.signal?.aborted) throw new CancelledError(target);
        yield this.#toWire(item, "auto");
      }
    } catch (error) {
      throw this.#asPythonError(error, target);
    }
  }

  async release(refs: readonly RemoteRef[]): Promise<void> {
    for (const ref of refs) {
      this.#record("release", { target: ref.id });
      this.#objects.delete(ref.id);
    }
  }

  async describe(target: string): Promise<Description> {
    this.#record("describe", { target });
    const handler = this.#handlers.get(target);
    const name = target.split(".").at(-1) ?? target;
    if (this.#handlers.has(target)) {
      if (typeof handler !== "function") return { kind: "attribute", path: target, name, type: typeof handler };
      return isClass(handler)
        ? { kind: "class", path: target, name, methods: [], bases: [] }
        : { kind: "function", path: target, name, isAsync: false, isGenerator: false };
    }
    const members = new Map<string, MemberSummary>();
    for (const [path, registered] of this.#handlers) {
      if (!path.startsWith(`${target}.`)) continue;
      const rest = path.slice(target.length + 1).split(".");
      const member = rest[0] ?? "";
      members.set(member, { name: member, kind: rest.length > 1 ? "module" : isClass(registered) ? "class" : "function" });
    }
    if (members.size === 0) throw new NotFoundError(target, `no handler is registered at or below "${target}" in this InMemoryTransport`);
    return { kind: "module", path: target, name, members: [...members.values()] };
  }

  async health(): Promise<HealthStatus> {
    return { ready: !this.#closed, endpoints: [{ id: "in-memory", ready: !this.#closed, refs: this.#objects.size, inFlight: 0 }] };
  }

  /** Tools exposed with `Snakepit.expose`; handlers reach them with `callTool`, as Python code uses `snakepit_bridge.tools`. */
  useTools(tools: ToolRegistry): void {
    this.#tools = tools;
  }

  /**
   * What `tools.<name>(...args)` does in a worker, for handlers that stand in for
   * Python code calling TypeScript tools: validates, runs, and fails like the
   * worker when no such tool is exposed.
   *
   * @example
   * const transport = new InMemoryTransport({ "app.report": () => transport.callTool("lookup_price", ["AAPL"]) });
   */
  async callTool(name: string, args: readonly unknown[] = [], kwargs?: Readonly<Record<string, unknown>>): Promise<unknown> {
    const tool = this.#tools?.get(name);
    if (!tool) {
      const names = this.#tools?.names() ?? [];
      throw new PythonError({ pythonType: "CallbackError", pythonModule: "snakepit_bridge.callbacks", pythonMessage: `ToolNotFoundError: no TypeScript tool named "${name}" is exposed (exposed: ${names.length > 0 ? names.join(", ") : "none"}); expose it with py.expose("${name}", fn)`, traceback: "", target: `tools.${name}` });
    }
    tool.validate?.(args, kwargs ?? {});
    return await invokeWithSignal(tool.fn as (...values: unknown[]) => unknown, kwargs === undefined ? args : [...args, kwargs], new AbortController().signal);
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#objects.clear();
    for (const reject of this.#pending) reject(new TransportError("The InMemoryTransport was closed while the call was pending."));
    this.#pending.clear();
  }

  #record(method: RecordedCall["method"], request: CallRequest): void {
    const recorded = { method, target: describeTarget(request), args: request.args ?? [], kwargs: request.kwargs ?? {} };
    this.calls.push(request.trace ? { ...recorded, trace: request.trace } : recorded);
  }

  async #withDeadline<T>(request: CallRequest, options: TransportCallOptions, work: () => Promise<T>): Promise<T> {
    const target = describeTarget(request);
    if (this.#closed) throw new TransportError(`${target} was called after the InMemoryTransport was closed; create a new transport.`);
    if (options.signal?.aborted) throw new CancelledError(target, "the signal was already aborted");
    const delay = (request.target && this.#delays.get(request.target)) || this.options.latencyMs || 0;
    return new Promise<T>((resolve, reject) => {
      const timers: NodeJS.Timeout[] = [];
      const onAbort = () => settle(() => reject(new CancelledError(target, String(options.signal?.reason ?? "aborted"))));
      const settle = (action: () => void) => {
        this.#pending.delete(fail);
        timers.forEach(clearTimeout);
        options.signal?.removeEventListener("abort", onAbort);
        action();
      };
      const fail = (error: Error) => settle(() => reject(error));
      this.#pending.add(fail);
      options.signal?.addEventListener("abort", onAbort, { once: true });
      if (options.timeoutMs !== undefined) {
        timers.push(setTimeout(() => settle(() => reject(new TimeoutError(target, options.timeoutMs ?? 0))), options.timeoutMs));
      }
      const start = () => work().then((value) => settle(() => resolve(value)), (error: unknown) => settle(() => reject(error)));
      if (delay > 0) timers.push(setTimeout(start, delay));
      else void start();
    });
  }

  async #run(request: CallRequest, rawResult = false): Promise<unknown> {
    const target = describeTarget(request);
    const queued = request.target ? this.#failures.get(request.target) : undefined;
    if (queued?.length) throw this.#asPythonError(queued.shift() as Error, target);
    // py.pipeline(): the whole graph runs here in one request, as the worker runs it.
    if (request.target === pipelineTarget && !this.#handlers.has(pipelineTarget)) return this.#runPipeline(request.args?.[0] as PipelineGraph);
    const args = (request.args ?? []).map((value) => this.#fromWire(value, target));
    const kwargs = request.kwargs ?? {};
    const extra = Object.keys(kwargs).length ? [kwargs] : [];
    try {
      const result = request.ref ? await this.#onObject(request, args, extra, target) : await this.#onHandler(request, args, extra, target);
      return rawResult ? result : this.#toWire(result, request.resultMode ?? "auto");
    } catch (error) {
      throw this.#asPythonError(error, target);
    }
  }

  async #onHandler(request: CallRequest, args: unknown[], extra: unknown[], target: string): Promise<unknown> {
    if (!this.#handlers.has(request.target)) {
      throw new NotFoundError(target, `no handler is registered for "${request.target}" in this InMemoryTransport; register one with transport.register("${request.target}", fn)`);
    }
    const handler = this.#handlers.get(request.target);
    if (request.kind === "getattr") return handler;
    if (typeof handler !== "function") {
      throw new PythonError({ pythonType: "TypeError", pythonModule: "builtins", pythonMessage: `'${typeof handler}' object is not callable`, traceback: "", target });
    }
    return isClass(handler) ? new handler(...args, ...extra) : await (handler as (...values: unknown[]) => unknown)(...args, ...extra);
  }

  async #onObject(request: CallRequest, args: unknown[], extra: unknown[], target: string): Promise<unknown> {
    const ref = request.ref as RemoteRef;
    if (!this.#objects.has(ref.id)) throw new NotFoundError(target, `remote object ${ref.id} was released or never existed`);
    const object = this.#objects.get(ref.id) as Record<string, unknown>;
    const attribute = request.attribute ?? "";
    if (request.kind === "getattr") return object[attribute];
    if (request.kind === "setattr") {
      object[attribute] = args[0];
      return null;
    }
    const member = attribute ? object[attribute] : object;
    if (typeof member !== "function") {
      throw new PythonError({ pythonType: "TypeError", pythonModule: "builtins", pythonMessage: `'${attribute || "object"}' is not callable`, traceback: "", target });
    }
    return await (member as (...values: unknown[]) => unknown).apply(object, [...args, ...extra]);
  }

  #runPipeline(graph: PipelineGraph): Promise<unknown> {
    return runPipelineInMemory(graph, {
      resolve: (path) => {
        if (!this.#handlers.has(path)) throw new NotFoundError(path, `no handler is registered for "${path}" in this InMemoryTransport`);
        return this.#handlers.get(path);
      },
      invoke: async (callable, self, args, kwargs, target) => {
        if (typeof callable !== "function") throw new PythonError({ pythonType: "TypeError", pythonModule: "builtins", pythonMessage: `'${typeof callable}' object is not callable`, traceback: "", target });
        const extra = Object.keys(kwargs).length ? [kwargs] : [];
        return isClass(callable) ? new callable(...args, ...extra) : await (callable as (...values: unknown[]) => unknown).apply(self, [...args, ...extra]);
      },
      fromWire: (value, target) => mapDeep(value, (item) => this.#fromWire(item, target)),
      toWire: (value, mode) => this.#toWire(value, mode),
      takeFailure: (path) => this.#failures.get(path)?.shift(),
    });
  }

  /** Results that are not plain data stay "in Python" as refs, like the real bridge. */
  #toWire(value: unknown, mode: "auto" | "ref" | "value"): unknown {
    if (mode === "value" || (mode === "auto" && isPlainData(value))) return value === undefined ? null : value;
    const id = `mem-${this.#nextRef++}`;
    this.#objects.set(id, value);
    const type = (value as object | null)?.constructor?.name ?? typeof value;
    return new RemoteRef(id, type, "in-memory");
  }

  #fromWire(value: unknown, target: string): unknown {
    if (!(value instanceof RemoteRef)) return value;
    if (!this.#objects.has(value.id)) throw new NotFoundError(target, `remote object ${value.id} passed as an argument was released`);
    return this.#objects.get(value.id);
  }

  #asPythonError(error: unknown, target: string): Error {
    if (error instanceof SnakepitError) return error;
    const cause = error instanceof Error ? error : new Error(String(error));
    const pythonType = (cause as { pythonType?: string }).pythonType ?? (cause.name === "Error" ? "Exception" : cause.name);
    return new PythonError({ pythonType, pythonModule: "builtins", pythonMessage: cause.message, traceback: cause.stack ?? "", target }, { cause });
  }
}
