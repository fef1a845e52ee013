import type { CallContext } from "../wire/python-error-mapping.js";
import type { SessionChannel } from "./bridge-rpc.js";

/**
 * A call waiting for its reply on a session: its promise, its deadline timer
 * and abort listener (both removed when it settles, so nothing leaks), and
 * the stream it went out on (a broken stream fails only its own calls).
 */
export class PendingCall {
  #timer: NodeJS.Timeout | undefined;
  #signal: AbortSignal | undefined;
  #onAbort: (() => void) | undefined;
  #channel: SessionChannel | undefined;
  /** Must travel as a CallRequest of its own (it has an abort signal or passes functions), never folded into a MAP call. */
  solo = false;

  constructor(
    readonly context: CallContext,
    private readonly onResolve: (value: unknown) => void,
    private readonly onReject: (error: Error) => void,
  ) {}

  expireAfter(timeoutMs: number, expire: () => void): void {
    this.#timer = setTimeout(expire, timeoutMs);
  }

  abortOn(signal: AbortSignal, abort: (reason: unknown) => void): void {
    this.solo = true;
    this.#signal = signal;
    this.#onAbort = () => abort(signal.reason);
    signal.addEventListener("abort", this.#onAbort, { once: true });
  }

  sentOn(channel: SessionChannel): void {
    this.#channel = channel;
  }

  wasSentOn(channel: SessionChannel | undefined): boolean {
    return this.#channel !== undefined && this.#channel === channel;
  }

  resolve(value: unknown): void {
    this.#dispose();
    this.onResolve(value);
  }

  reject(error: Error): void {
    this.#dispose();
    this.onReject(error);
  }

  #dispose(): void {
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#onAbort) this.#signal?.removeEventListener("abort", this.#onAbort);
  }
}
