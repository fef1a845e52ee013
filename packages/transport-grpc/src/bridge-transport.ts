import { create } from "@bufbuild/protobuf";
import {
  CancelledError, TransportError, describeTarget, typeRegistry,
  type BatchOptions, type CallOutcome, type CallRequest, type Description, type HealthStatus, type RemoteRef,
  type ToolRegistry, type Transport, type TransportCallOptions, type TransportCapabilities,
} from "@snakepit/core";
import { PayloadCodec } from "./codec/payload-codec.js";
import { DescribeRequestSchema, HealthRequestSchema, ReleaseRequestSchema } from "./gen/snakepit/v1/bridge_pb.js";
import type { BridgeRpc, RpcContext, RpcOptions } from "./session/bridge-rpc.js";
import { SessionMultiplexer } from "./session/session-multiplexer.js";
import { CallbackTable } from "./session/callback-table.js";
import { runBatch } from "./session/batch-call.js";
import { encodeMappedArguments, failsEveryElement, outcomesOfMappedValue, toMappedWireCall, uniformTarget } from "./session/mapped-batch.js";
import { runStream } from "./session/stream-call.js";
import type { GrpcTransportOptions } from "./transport-options.js";
import { descriptionOfReply, healthOfReply } from "./wire/reply-conversion.js";
import { errorFromRpc } from "./wire/rpc-failure.js";

/** Listener of `onBroken`. */
export type BrokenListener = (error: TransportError) => void;

/**
 * The Transport over the Bridge service, independent of the gRPC client
 * library: both implementations are this class over their own `BridgeRpc`.
 *
 * Unary calls share one Session stream (see SessionMultiplexer); batches,
 * streams, releases, describe and health use their own RPCs.
 */
export abstract class BridgeTransport implements Transport {
  readonly capabilities: TransportCapabilities = { nativeBatch: true, streaming: true, refs: true, remoteCancellation: true };
  /** Endpoint id, the `owner` of the refs this transport returns. */
  readonly endpointId: string;
  protected readonly codec: PayloadCodec;
  readonly #session: SessionMultiplexer;
  readonly #callbacks: CallbackTable;
  readonly #brokenListeners = new Set<BrokenListener>();
  readonly #healthTimeoutMs: number;
  #nextId = 1n;
  #closed = false;

  protected constructor(private readonly rpc: BridgeRpc, options: GrpcTransportOptions) {
    this.endpointId = options.id;
    this.#healthTimeoutMs = options.healthTimeoutMs ?? 5_000;
    this.codec = new PayloadCodec(options.id, typeRegistry, !(options.remote || options.tls));
    this.#callbacks = new CallbackTable(this.codec);
    this.#session = new SessionMultiplexer({
      endpoint: options.id,
      codec: this.codec,
      callbacks: this.#callbacks,
      ...(options.spinMicros !== undefined ? { spinMicros: options.spinMicros } : {}),
      ...(options.onRunTime ? { onRunTime: options.onRunTime } : {}),
      open: (listener) => rpc.openSession(listener),
      nextId: () => this.#nextId++,
      onBroken: (error) => this.#brokenListeners.forEach((listener) => listener(error)),
    });
  }

  /**
   * Tells `listener` when the session stream breaks while the transport is
   * open (the worker died or the connection dropped): a supervisor can then
   * check the process and map the failure to WorkerCrashedError. The calls in
   * flight have already been rejected with TransportError. Returns an unsubscribe function.
   */
  onBroken(listener: BrokenListener): () => void {
    this.#brokenListeners.add(listener);
    return () => this.#brokenListeners.delete(listener);
  }

  /** Python may call these tools by name (`snakepit_bridge.tools`) during calls on this transport. */
  useTools(tools: ToolRegistry): void {
    this.#callbacks.tools = tools;
  }

  /** TypeScript functions Python still holds (handles not yet released), for tests and diagnostics. */
  get liveCallbacks(): number {
    return this.#callbacks.size;
  }

  call(request: CallRequest, options?: TransportCallOptions): Promise<unknown> {
    return this.#session.call(request, options);
  }

  async batch(requests: readonly CallRequest[], options: BatchOptions = {}): Promise<CallOutcome[]> {
    this.#assertOpen(`a batch of ${requests.length} calls`);
    const target = uniformTarget(requests, options);
    const mapped = target === undefined ? undefined : encodeMappedArguments(requests, this.codec);
    if (target !== undefined && mapped !== undefined) {
      const context = { target, timeoutMs: options.timeoutMs, calls: requests.length };
      let value: unknown;
      try {
        value = await this.#session.send(context, (id) => toMappedWireCall(target, requests, mapped, id, options), options);
      } catch (error) {
        // Python refused the path itself (not found, not allowed, not callable): every call fails with that error.
        if (!failsEveryElement(error)) throw error;
        return requests.map(() => ({ status: "rejected", reason: error as Error }));
      }
      return outcomesOfMappedValue(value, requests.length, context);
    }
    return runBatch(requests, options, this.#rpcContext());
  }

  async *stream(request: CallRequest, options: TransportCallOptions = {}): AsyncIterable<unknown> {
    this.#assertOpen(describeTarget(request));
    yield* runStream(request, options, this.#rpcContext());
  }

  async release(refs: readonly RemoteRef[]): Promise<void> {
    if (refs.length === 0) return;
    const target = `release of ${refs.length} refs`;
    this.#assertOpen(target);
    await this.#unary(target, {}, (options) => this.rpc.release(create(ReleaseRequestSchema, { refIds: refs.map((ref) => ref.id) }), options));
  }

  async describe(target: string, options: { readonly members?: boolean; readonly signal?: AbortSignal } = {}): Promise<Description> {
    this.#assertOpen(`describe(${target})`);
    const reply = await this.#unary(`describe(${target})`, options, (rpcOptions) => this.rpc.describe(create(DescribeRequestSchema, { target, members: options.members ?? false }), rpcOptions));
    return descriptionOfReply(reply, { target });
  }

  /** Rejects (TransportError, TimeoutError) when the worker does not answer, so a supervisor can tell silence from "not ready". */
  async health(options: { readonly signal?: AbortSignal } = {}): Promise<HealthStatus> {
    this.#assertOpen("health");
    const timeoutMs = options.signal ? undefined : this.#healthTimeoutMs;
    const reply = await this.#unary("health", { ...options, timeoutMs }, (rpcOptions) => this.rpc.health(create(HealthRequestSchema, {}), rpcOptions));
    return healthOfReply(reply, this.endpointId);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#session.close();
    this.rpc.close();
  }

  async #unary<T>(target: string, options: RpcOptions, send: (options: RpcOptions) => Promise<T>): Promise<T> {
    if (options.signal?.aborted) throw new CancelledError(target, "the signal was already aborted");
    try {
      return await send(options);
    } catch (error) {
      throw errorFromRpc(error, { target, endpoint: this.endpointId, timeoutMs: options.timeoutMs, signal: options.signal });
    }
  }

  #rpcContext(): RpcContext {
    return { rpc: this.rpc, codec: this.codec, endpoint: this.endpointId, nextId: () => this.#nextId++ };
  }

  #assertOpen(target: string): void {
    if (this.#closed) throw new TransportError(`${target} was not sent: the transport to worker ${this.endpointId} is closed.`);
  }
}
