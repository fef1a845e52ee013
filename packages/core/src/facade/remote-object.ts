import type { TransportCallOptions } from "../model/call.js";
import { splitKwargs } from "../model/kwargs.js";
import type { RemoteRef } from "../model/remote-ref.js";

/** What a remote object needs from the runtime that made it. */
export interface RemoteObjectHost {
  invoke(ref: RemoteRef, attribute: string, kind: "call" | "getattr" | "setattr", args: readonly unknown[], kwargs: Record<string, unknown>, options?: TransportCallOptions): Promise<unknown>;
  release(ref: RemoteRef): Promise<void>;
  /** Stops the garbage-collection safety net for a ref that was released explicitly. */
  forget(handle: object): void;
}

/**
 * A Python object that lives in a worker: call its methods, read and write its
 * attributes, and dispose of it. Any other property is a method call, so
 * `await model.fit(X, y)` works; pass keyword arguments with `kw({...})`.
 *
 * Dispose with `await using`, `dispose()`, or let it be garbage-collected
 * (the safety net releases it, later and less predictably).
 *
 * @example
 * await using model = await py.create("sklearn.linear_model.LinearRegression");
 * await model.fit(X, y);
 * const coef = await model.get("coef_");
 */
export class RemoteObject implements AsyncDisposable {
  #disposed = false;

  constructor(readonly ref: RemoteRef, private readonly host: RemoteObjectHost) {}

  /** Python type of the object. */
  get pythonType(): string {
    return this.ref.pythonType;
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** Calls a method; `method` empty calls the object itself. */
  call<T = unknown>(method: string, args: readonly unknown[] = [], kwargs: Record<string, unknown> = {}, options?: TransportCallOptions): Promise<T> {
    return this.host.invoke(this.ref, method, "call", args, kwargs, options) as Promise<T>;
  }

  /** Reads an attribute (a value, or another RemoteObject). */
  get<T = unknown>(attribute: string, options?: TransportCallOptions): Promise<T> {
    return this.host.invoke(this.ref, attribute, "getattr", [], {}, options) as Promise<T>;
  }

  /** Assigns an attribute. */
  async set(attribute: string, value: unknown, options?: TransportCallOptions): Promise<void> {
    await this.host.invoke(this.ref, attribute, "setattr", [value], {}, options);
  }

  /** Releases the Python object. Later calls on it fail; disposing twice is a no-op. */
  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    this.host.forget(this);
    await this.host.release(this.ref);
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }

  toString(): string {
    return this.ref.toString();
  }
}

/** Any method name, untyped: what a RemoteProxy offers when no interface is given. */
export interface DynamicMethods {
  readonly [method: string]: (...args: unknown[]) => Promise<unknown>;
}

/**
 * A RemoteObject whose other properties are methods of the Python object.
 * Give an interface for typed methods (generated wrappers do):
 * `py.create<{ fit(X: NDArray, y: NDArray): Promise<unknown> }>(...)`.
 */
export type RemoteProxy<Methods extends object = DynamicMethods> = RemoteObject & Methods;

/** Wraps a RemoteObject so that `object.anyMethod(...args)` calls that Python method. */
export function proxyRemoteObject<Methods extends object = DynamicMethods>(object: RemoteObject): RemoteProxy<Methods> {
  return new Proxy(object, {
    get(target, property, receiver) {
      if (typeof property === "symbol" || property in target) {
        const value = Reflect.get(target, property, target) as unknown;
        return typeof value === "function" ? value.bind(target) : value;
      }
      // Not thenable: `await remoteObject` must give the object, not call a Python "then".
      if (property === "then") return undefined;
      return (...args: unknown[]) => {
        const split = splitKwargs(args);
        return target.call(property, split.args, split.kwargs);
      };
      void receiver;
    },
  }) as RemoteProxy<Methods>;
}
