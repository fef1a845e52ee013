import { invokeWithSignal, type ToolRegistry } from "@snakepit/core";
import type { PayloadCodec } from "../codec/payload-codec.js";
import type { CallbackInvocation, CallbackReply } from "../gen/snakepit/v1/bridge_pb.js";

type AnyFunction = (...args: unknown[]) => unknown;

interface Registered {
  readonly fn: AnyFunction;
  readonly name: string;
}

/**
 * The TypeScript side of callbacks for one transport: functions sent to
 * Python by handle (ext 9), the tools Python may call by name, and the
 * invocations running now (so Python can abort them).
 *
 * A handle lives until Python reports it released (its proxy was collected,
 * or the object that held it was released) or the transport closes; Python
 * decides, because only Python knows who still holds the proxy.
 */
export class CallbackTable {
  readonly #functions = new Map<number, Registered>();
  readonly #running = new Map<bigint, AbortController>();
  #nextHandle = 1;
  tools: ToolRegistry | undefined;

  constructor(private readonly codec: PayloadCodec) {}

  /** Handles alive (for tests and diagnostics). */
  get size(): number {
    return this.#functions.size;
  }

  /** A collector for one call's arguments: each distinct function gets one new handle. */
  collector(): (fn: AnyFunction) => number {
    // Made on the first function met: most calls have none, and pay no map.
    let seen: Map<AnyFunction, number> | undefined;
    return (fn) => {
      seen ??= new Map();
      let handle = seen.get(fn);
      if (handle === undefined) {
        handle = this.#nextHandle++;
        seen.set(fn, handle);
        this.#functions.set(handle, { fn, name: fn.name || "anonymous" });
      }
      return handle;
    };
  }

  release(handles: readonly bigint[]): void {
    for (const handle of handles) this.#functions.delete(Number(handle));
  }

  /** Python stopped waiting (cancel or deadline of its call): the function's signal aborts. */
  abort(invocationIds: readonly bigint[]): void {
    for (const id of invocationIds) this.#running.get(id)?.abort(new Error("Python stopped waiting for this callback: its call was cancelled or reached its deadline"));
  }

  /** Forgets every handle and aborts what runs: Python can no longer call or wait for them. */
  clear(reason: string): void {
    this.#functions.clear();
    for (const controller of this.#running.values()) controller.abort(new Error(reason));
    this.#running.clear();
  }

  /**
   * Runs what `invocation` names and hands its reply to `answer` — at once
   * for a synchronous function, after the promise settles for an async one.
   * No reply is sent for an invocation Python aborted.
   */
  run(invocation: CallbackInvocation, answer: (reply: CallbackReply) => void): void {
    const target = this.#target(invocation);
    if ("error" in target) return answer(this.#error(invocation.id, target.error));
    // Made only when the function asks for its signal or turns out to be async: a
    // synchronous function (a scipy objective, called hundreds of times) never needs one.
    let controller: AbortController | undefined;
    const signal = () => (controller ??= new AbortController()).signal;
    let result: unknown;
    try {
      const args = invocation.args.length > 0 ? this.codec.decode(invocation.args) : [];
      const kwargs = invocation.kwargs.length > 0 ? this.codec.decode(invocation.kwargs) : undefined;
      if (!Array.isArray(args)) throw new TypeError(`callback arguments must be an array, got ${typeof args}`);
      target.validate?.(args, (kwargs ?? {}) as Record<string, unknown>);
      result = invokeWithSignal(target.fn, kwargs === undefined ? args : [...args, kwargs], signal);
    } catch (error) {
      answer(this.#thrown(invocation.id, error));
      return;
    }
    if (!isThenable(result)) {
      answer(this.#value(invocation.id, result));
      return;
    }
    // Python's deadline can only stop what is still running: the async part.
    const running = (controller ??= new AbortController());
    const timer = invocation.deadlineMs > 0
      ? setTimeout(() => running.abort(new Error(`the callback's deadline of ${invocation.deadlineMs} ms (what was left of its Python call's) passed`)), invocation.deadlineMs)
      : undefined;
    this.#running.set(invocation.id, running);
    const settle = (outcome: () => CallbackReply): void => {
      if (timer) clearTimeout(timer);
      this.#running.delete(invocation.id);
      answer(outcome()); // after an abort Python ignores it; harmless
    };
    result.then(
      (value) => settle(() => this.#value(invocation.id, value)),
      (error: unknown) => settle(() => this.#thrown(invocation.id, error)),
    );
  }

  #target(invocation: CallbackInvocation): { fn: AnyFunction; validate?: (args: readonly unknown[], kwargs: Readonly<Record<string, unknown>>) => void } | { error: ErrorFields } {
    if (invocation.tool) {
      const tool = this.tools?.get(invocation.tool);
      if (!tool) {
        const names = this.tools?.names() ?? [];
        return { error: { name: "ToolNotFoundError", code: "not_found", message: `no TypeScript tool named "${invocation.tool}" is exposed (exposed: ${names.length > 0 ? names.join(", ") : "none"}); expose it with py.expose("${invocation.tool}", fn)` } };
      }
      return { fn: tool.fn as AnyFunction, ...(tool.validate ? { validate: tool.validate } : {}) };
    }
    const registered = this.#functions.get(Number(invocation.handle));
    if (!registered) return { error: { name: "CallbackReleasedError", code: "released", message: `the TypeScript callback of handle ${invocation.handle} was already released (its Python proxy was dropped, or the transport reconnected); pass the function again in a new call` } };
    return { fn: registered.fn };
  }

  #value(id: bigint, value: unknown): CallbackReply {
    let bytes: Uint8Array;
    try {
      bytes = value === undefined ? new Uint8Array(0) : this.codec.encode(value);
    } catch (error) {
      return this.#error(id, { name: "CodecError", code: "encode", message: `the callback's result could not be sent to Python: ${messageOf(error)}` });
    }
    return { $typeName: "snakepit.v1.CallbackReply", id, outcome: { case: "value", value: bytes } };
  }

  #thrown(id: bigint, error: unknown): CallbackReply {
    if (error instanceof Error) return this.#error(id, { name: error.name, message: error.message, stack: error.stack ?? "", code: "" });
    return this.#error(id, { name: "Error", message: `the callback threw a non-Error value: ${String(error)}`, code: "" });
  }

  #error(id: bigint, fields: ErrorFields): CallbackReply {
    return { $typeName: "snakepit.v1.CallbackReply", id, outcome: { case: "error", value: { $typeName: "snakepit.v1.CallbackError", stack: "", ...fields } } };
  }
}

interface ErrorFields {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code: string;
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function";
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
