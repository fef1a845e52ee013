import { create } from "@bufbuild/protobuf";
import { Server, ServerCredentials, status, type ServerDuplexStream, type ServerUnaryCall, type ServerWritableStream, type sendUnaryData, type UntypedServiceImplementation } from "@grpc/grpc-js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import {
  CallKind, BatchReplySchema, CallReplySchema, CancelReplySchema, DescribeReplySchema, HealthReplySchema, PythonErrorSchema, ReleaseReplySchema,
  ServerFrameSchema, StreamItemSchema,
  type BatchRequest, type CallReply, type CallRequest, type ClientFrame, type DescribeRequest, type ReleaseRequest, type ServerFrame, type StreamItem,
} from "../../src/gen/snakepit/v1/bridge_pb.js";
import { bridgeServiceDefinition } from "../../src/grpc-js/bridge-service-definition.js";

/** A JS stand-in for a Python callable: positional args, then keyword args. */
export type FakeHandler = (args: unknown[], kwargs: Record<string, unknown>, signal: AbortSignal) => unknown;

/** Thrown by a handler to answer with a structured Python exception. */
export class RaisedInPython extends Error {
  constructor(readonly type: string, message: string, readonly bridgeCode = "", readonly module = "builtins") {
    super(message);
  }
}

/**
 * A Bridge server in the test process (grpc-js, same service definition),
 * for testing the transports' own logic before and besides the real Python
 * worker: coalescing, cancellation, session breaks, flow control, tokens.
 */
export class FakeBridgeServer {
  readonly server = new Server();
  readonly codec = new PayloadCodec("fake");
  readonly folder = mkdtempSync(join(tmpdir(), "snakepit-fake-"));
  readonly address = `unix:${join(this.folder, "bridge.sock")}`;
  /** Frames received on Session streams, for coalescing assertions. */
  readonly frames: ClientFrame[] = [];
  /** Ids cancelled through Session frames. */
  readonly cancelled: bigint[] = [];
  readonly released: string[] = [];
  readonly tokens: (string | undefined)[] = [];
  /** Items the current stream handler has produced, and whether it was closed. */
  readonly streamState = { produced: 0, closed: false };
  readonly #sessions = new Set<ServerDuplexStream<ClientFrame, ServerFrame>>();
  readonly #running = new Map<bigint, AbortController>();

  constructor(private readonly handlers: Readonly<Record<string, FakeHandler>>, private readonly token?: string) {}

  async start(): Promise<this> {
    const implementation: UntypedServiceImplementation = {
      call: (call: ServerUnaryCall<CallRequest, CallReply>, callback: sendUnaryData<CallReply>) => void this.#run(call.request).then((reply) => callback(null, reply)),
      batch: (call: ServerUnaryCall<BatchRequest, unknown>, callback: sendUnaryData<unknown>) => void this.#batch(call, callback),
      session: (call: ServerDuplexStream<ClientFrame, ServerFrame>) => this.#session(call),
      stream: (call: ServerWritableStream<CallRequest, StreamItem>) => void this.#stream(call),
      release: (call: ServerUnaryCall<ReleaseRequest, unknown>, callback: sendUnaryData<unknown>) => {
        this.released.push(...call.request.refIds);
        callback(null, create(ReleaseReplySchema, { released: call.request.refIds.length }));
      },
      cancel: (_call: unknown, callback: sendUnaryData<unknown>) => callback(null, create(CancelReplySchema, {})),
      describe: (call: ServerUnaryCall<DescribeRequest, unknown>, callback: sendUnaryData<unknown>) => {
        const known = call.request.target in this.handlers;
        callback(null, create(DescribeReplySchema, known
          ? { outcome: { case: "descriptionJson", value: JSON.stringify({ kind: "function", path: call.request.target, name: call.request.target.split(".").at(-1), isAsync: false, isGenerator: false }) } }
          : { outcome: { case: "error", value: create(PythonErrorSchema, { type: "ModuleNotFoundError", message: `No module named '${call.request.target}'`, bridgeCode: "not_found" }) } }));
      },
      health: (_call: unknown, callback: sendUnaryData<unknown>) => callback(null, create(HealthReplySchema, { ready: true, pid: process.pid, pythonVersion: "3.11.0", bridgeVersion: "fake", inFlight: this.#running.size, refs: 0, rssBytes: 1024n })),
    };
    this.server.addService(bridgeServiceDefinition, this.#guarded(implementation));
    await new Promise<void>((resolve, reject) => this.server.bindAsync(this.address, ServerCredentials.createInsecure(), (error) => (error ? reject(error) : resolve())));
    return this;
  }

  /** Ends every open Session stream with UNAVAILABLE, as a dying worker would. */
  breakSessions(): void {
    for (const session of this.#sessions) session.emit("error", Object.assign(new Error("worker died"), { code: status.UNAVAILABLE, details: "worker died" }));
    this.#sessions.clear();
  }

  async stop(): Promise<void> {
    this.server.forceShutdown();
    rmSync(this.folder, { recursive: true, force: true });
  }

  /** Checks the token on every RPC, as the real worker does. */
  #guarded(implementation: UntypedServiceImplementation): UntypedServiceImplementation {
    const guarded: UntypedServiceImplementation = {};
    for (const [name, handler] of Object.entries(implementation)) {
      guarded[name] = (call: { metadata: { get(key: string): unknown[] } }, callback?: sendUnaryData<unknown>) => {
        const token = call.metadata.get("x-snakepit-token")[0] as string | undefined;
        this.tokens.push(token);
        if (this.token !== undefined && token !== this.token) {
          const error = Object.assign(new Error("bad token"), { code: status.UNAUTHENTICATED, details: "bad token" });
          if (callback) callback(error);
          else (call as unknown as { emit(event: string, error: Error): void }).emit("error", error);
          return;
        }
        (handler as (call: unknown, callback?: unknown) => void)(call, callback);
      };
    }
    return guarded;
  }

  async #run(request: CallRequest): Promise<CallReply> {
    const controller = new AbortController();
    this.#running.set(request.id, controller);
    try {
      const value = await this.#invoke(request, controller.signal);
      return create(CallReplySchema, { id: request.id, outcome: { case: "value", value: this.codec.encode(value) } });
    } catch (error) {
      return create(CallReplySchema, { id: request.id, outcome: { case: "error", value: pythonErrorOf(error) } });
    } finally {
      this.#running.delete(request.id);
    }
  }

  async #invoke(request: CallRequest, signal: AbortSignal): Promise<unknown> {
    if (request.kind === CallKind.MAP) return this.#invokeMapped(request, signal);
    const name = request.refId ? `${request.refId}.${request.attribute}` : request.target;
    const handler = this.handlers[name];
    if (!handler) throw new RaisedInPython("AttributeError", `module has no attribute '${name}'`, "not_found");
    const args = (this.codec.decode(request.args) ?? []) as unknown[];
    const kwargs = (this.codec.decode(request.kwargs) ?? {}) as Record<string, unknown>;
    return handler(args, kwargs, signal);
  }

  /** CALL_KIND_MAP as the bridge runs it (mapped_calls.py): `[results, failures]`, each element's failure in its slot. */
  async #invokeMapped(request: CallRequest, signal: AbortSignal): Promise<unknown> {
    const handler = this.handlers[request.target];
    if (!handler) throw new RaisedInPython("AttributeError", `module has no attribute '${request.target}'`, "not_found");
    const argumentLists = (this.codec.decode(request.args) ?? []) as unknown[][];
    const keywordMaps = (this.codec.decode(request.kwargs) ?? undefined) as Record<string, unknown>[] | undefined;
    const results: unknown[] = [];
    const failures: unknown[][] = [];
    for (const [index, args] of argumentLists.entries()) {
      try {
        results.push(await handler(args, keywordMaps?.[index] ?? {}, signal));
      } catch (error) {
        results.push(null);
        const wire = pythonErrorOf(error);
        failures.push([index, wire.type, wire.module, wire.message, wire.traceback, wire.bridgeCode]);
      }
    }
    return [results, failures];
  }

  async #batch(call: ServerUnaryCall<BatchRequest, unknown>, callback: sendUnaryData<unknown>): Promise<void> {
    const replies: CallReply[] = [];
    for (const request of call.request.calls) {
      const reply = await this.#run(request);
      replies.push(reply);
      if (reply.outcome.case === "error" && call.request.stopOnError) break;
    }
    callback(null, create(BatchReplySchema, { replies }));
  }

  #session(call: ServerDuplexStream<ClientFrame, ServerFrame>): void {
    this.#sessions.add(call);
    call.on("data", (frame: ClientFrame) => {
      this.frames.push(frame);
      for (const id of frame.cancel) {
        this.cancelled.push(id);
        this.#running.get(id)?.abort();
      }
      for (const request of frame.calls) void this.#run(request).then((reply) => call.write(create(ServerFrameSchema, { replies: [reply] })));
    });
    call.on("end", () => {
      this.#sessions.delete(call);
      call.end();
    });
    call.on("error", () => this.#sessions.delete(call));
  }

  async #stream(call: ServerWritableStream<CallRequest, StreamItem>): Promise<void> {
    this.streamState.produced = 0;
    this.streamState.closed = false;
    let cancelled = false;
    call.on("cancelled", () => {
      cancelled = true;
    });
    try {
      const items = (await this.#invoke(call.request, new AbortController().signal)) as Iterable<unknown>;
      for (const item of items) {
        if (cancelled) break;
        this.streamState.produced++;
        if (!call.write(create(StreamItemSchema, { event: { case: "item", value: this.codec.encode(item) } }))) {
          await Promise.race([once(call, "drain"), once(call, "cancelled")]);
        }
      }
    } catch (error) {
      if (!cancelled) call.write(create(StreamItemSchema, { event: { case: "error", value: pythonErrorOf(error) } }));
    } finally {
      this.streamState.closed = true;
      if (!cancelled) call.end();
    }
  }
}

function pythonErrorOf(error: unknown) {
  if (error instanceof RaisedInPython) return create(PythonErrorSchema, { type: error.type, module: error.module, message: error.message, traceback: `Traceback (most recent call last):\n  File "fake.py", line 1\n${error.type}: ${error.message}`, bridgeCode: error.bridgeCode });
  return create(PythonErrorSchema, { type: "RuntimeError", module: "builtins", message: String(error), traceback: "" });
}
