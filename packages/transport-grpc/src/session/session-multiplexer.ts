import { CancelledError, TimeoutError, TransportError, describeTarget, type CallRequest, type TransportCallOptions } from "@snakepit/core";
import { type CallReply, type ClientFrame, type CallRequest as WireCallRequest, type ServerFrame } from "../gen/snakepit/v1/bridge_pb.js";
import type { PayloadCodec } from "../codec/payload-codec.js";
import type { CallContext } from "../wire/python-error-mapping.js";
import { valueOfReply } from "../wire/reply-conversion.js";
import { foldable, groupFrameCalls } from "./frame-grouping.js";
import { settleMappedValue } from "./mapped-batch.js";
import { toWireCall } from "../wire/request-conversion.js";
import { errorFromRpc, reasonText } from "../wire/rpc-failure.js";
import type { SessionChannel, SessionListener } from "./bridge-rpc.js";
import { PendingCall } from "./pending-call.js";
import type { CallbackTable } from "./callback-table.js";
import { AwakeWindow } from "./awake-window.js";
import { RunTimeReport } from "./run-time-report.js";
import { collectCallbacks } from "../codec/callback-extension.js";
import { forgetPrefetched, prefetchSharedFile, sharedFileOfPayload } from "../codec/shared-file-prefetch.js";

export interface SessionMultiplexerOptions {
  /** Endpoint id, for error messages. */
  readonly endpoint: string;
  readonly codec: PayloadCodec;
  /** Opens a new Session stream. */
  readonly open: (listener: SessionListener) => SessionChannel;
  /** Call ids, unique for the transport. */
  readonly nextId: () => bigint;
  /** The stream ended while the transport was open (worker gone, connection lost). */
  readonly onBroken: (error: TransportError) => void;
  /** Functions in call arguments and exposed tools, which Python may invoke over the session (callbacks.py). */
  readonly callbacks?: CallbackTable;
  /** How long the event loop keeps polling when an answer is due soon, µs (awake-window.ts); 0 never. Default 300. */
  readonly spinMicros?: number;
  /** Told, per frame of replies, how long the worker ran each call of a path (run-time-report.ts). */
  readonly onRunTime?: (target: string, microsPerCall: number) => void;
}

/**
 * A frame leaves as soon as it holds this many calls, without waiting for the
 * end of the microtask checkpoint: the worker starts on them while the event
 * loop is still making the next ones. With 64 calls of a cheap function in
 * flight on one worker, replies and new calls came in waves of 64: Node and
 * the worker took turns, each idle while the other worked. Flushing at 32
 * keeps two frames in flight, so they overlap; measured in one process
 * (medians of 6–8 alternating rounds): 321k → 404k and 362k → 447k calls/s;
 * at 16 no gain, at 8 a loss (per-frame costs), at 24 and 48 less than at 32.
 */
const flushAtCalls = 32;

/**
 * Runs unary calls over one long-lived Session stream.
 *
 * Calls made in the same event-loop turn go out in one ClientFrame: the flush
 * is a microtask, so a lone call waits for no timer, and a burst of calls
 * (a `Promise.all`, replies that trigger new calls) pays the per-message cost
 * once (up to `flushAtCalls` calls a frame); in such a frame, four or more
 * plain calls of one path travel as one MAP call (frame-grouping.ts). Replies are matched by id and may come in any order. A deadline or an
 * abort settles the call at once and sends a cancel in the next frame. When
 * the stream breaks, the calls sent on it reject with `TransportError`, and the
 * next call opens a new stream.
 */
export class SessionMultiplexer {
  readonly #pending = new Map<bigint, PendingCall>();
  #channel: SessionChannel | undefined;
  #calls: WireCallRequest[] = [];
  #cancels: bigint[] = [];
  #flushScheduled = false;
  #closed = false;
  /** A call of the next frame was packed onto this worker with other cheap calls (TransportCallOptions.packed). */
  #packedQueued = false;

  readonly #awake: AwakeWindow;

  constructor(private readonly options: SessionMultiplexerOptions) {
    this.#awake = new AwakeWindow(options.spinMicros);
  }

  /** Calls waiting for a reply. */
  get inFlight(): number {
    return this.#pending.size;
  }

  call(request: CallRequest, options: TransportCallOptions = {}): Promise<unknown> {
    const context: CallContext = { target: describeTarget(request), timeoutMs: options.timeoutMs };
    const build = (id: bigint) => toWireCall(request, id, this.options.codec, options.timeoutMs);
    if (!this.options.callbacks) return this.send(context, build, options);
    // Functions in the arguments become ext 9 handles that Python calls back over this session.
    // The collector of this call is made only when its encoding meets a function (most calls have none).
    this.#functionsOfCall = undefined;
    return this.send(context, (id) => collectCallbacks(this.#onFunction, () => build(id)), options, this.#passedFunctions);
  }

  /** The callback collector of the call being encoded, made on its first function (encoding is synchronous). */
  #functionsOfCall: ((fn: (...args: unknown[]) => unknown) => number) | undefined;

  readonly #onFunction = (fn: (...args: unknown[]) => unknown): number => {
    this.#functionsOfCall ??= (this.options.callbacks as CallbackTable).collector();
    return this.#functionsOfCall(fn);
  };

  /** Whether the call just encoded passed functions (it then travels alone: ext 9 rides its own call). */
  readonly #passedFunctions = (): boolean => this.#functionsOfCall !== undefined;

  /**
   * Sends a wire call built by `build` (given its id) and resolves with the
   * decoded value of its reply. `call` is this for one core CallRequest; a
   * uniform batch sends its single MAP call this way.
   */
  send(context: CallContext, build: (id: bigint) => WireCallRequest, options: TransportCallOptions = {}, solo?: () => boolean): Promise<unknown> {
    if (this.#closed) return Promise.reject(new TransportError(`${context.target} was not sent: the transport to worker ${this.options.endpoint} is closed.`));
    if (options.signal?.aborted) return Promise.reject(new CancelledError(context.target, reasonText(options.signal.reason)));
    const id = this.options.nextId();
    let wire: WireCallRequest;
    try {
      wire = build(id);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<unknown>((resolve, reject) => {
      const pending = new PendingCall(context, resolve, reject);
      if (solo?.()) pending.solo = true;
      if (options.timeoutMs !== undefined) pending.expireAfter(options.timeoutMs, () => this.#abandon(id, new TimeoutError(context.target, options.timeoutMs ?? 0)));
      if (options.signal) pending.abortOn(options.signal, (reason) => this.#abandon(id, new CancelledError(context.target, reasonText(reason))));
      this.#pending.set(id, pending);
      if (options.packed) this.#packedQueued = true;
      this.#calls.push(wire);
      if (this.#calls.length >= flushAtCalls) this.#flush();
      else this.#scheduleFlush();
    });
  }

  /** Rejects every pending call and ends the stream. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const channel = this.#channel;
    this.#channel = undefined;
    this.#calls = [];
    this.#cancels = [];
    this.options.callbacks?.clear("the transport closed");
    for (const [id, pending] of this.#pending) {
      this.#pending.delete(id);
      pending.reject(new TransportError(`${pending.context.target} was abandoned: the transport to worker ${this.options.endpoint} was closed before the reply came.`));
    }
    channel?.close();
  }

  /**
   * A microtask, not `setImmediate`: the frame leaves as soon as the code that
   * queued the call yields, without a turn of the event loop. Calls that replies
   * of one frame set off still share a frame (their continuations run in the same
   * microtask checkpoint, before this one), and measured side by side in one
   * process the lone-call p50 was ≈ 8 µs lower and 64 calls in flight ran
   * 0–20% faster than with `setImmediate`.
   */
  #scheduleFlush(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => this.#flush());
  }

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#closed || (this.#calls.length === 0 && this.#cancels.length === 0)) return;
    const grouped = groupFrameCalls(this.#calls, (call) => foldable(call) && this.#pending.get(call.id)?.solo === false, this.options.nextId);
    for (const [id, members] of grouped.groups) this.#pending.set(id, this.#mappedPending(members));
    // Every frame of calls may open the awake window (awake-window.ts); a frame of cancels alone
    // does not. Only a lone request (one call, or one batch sent as a MAP call) and cheap calls the
    // pool packs onto this one worker tell the worker that the loop polls, so that it polls after
    // answering too (frames.py): with many calls spread over the workers, two polling workers would
    // take Node's core.
    const awake = grouped.calls.length > 0 && this.#awake.sent();
    const lone = grouped.calls.length === 1 && grouped.groups.size === 0 && this.#pending.size === 1;
    const clientPolling = awake && (lone || this.#packedQueued);
    this.#packedQueued = false;
    const frame: ClientFrame = { $typeName: "snakepit.v1.ClientFrame", calls: grouped.calls, cancel: this.#cancels, release: [], callbackReplies: [], clientPolling };
    const channel = (this.#channel ??= this.#open());
    for (const call of grouped.calls) this.#pending.get(call.id)?.sentOn(channel);
    this.#calls = [];
    this.#cancels = [];
    channel.send(frame);
  }

  #open(): SessionChannel {
    // The listener needs the channel it belongs to, which exists only once opened.
    const opened: { channel?: SessionChannel } = {};
    opened.channel = this.options.open({
      frame: (frame) => {
        if (frame.callbacks.length > 0 || frame.callbackCancel.length > 0 || frame.callbackRelease.length > 0) this.#serveCallbacks(frame, opened.channel);
        if (frame.replies.length > 0) this.#awake.replied();
        this.#settle(frame);
      },
      ended: (error) => this.#ended(opened.channel, error),
    });
    return opened.channel;
  }

  /** Python calls TypeScript: run each invocation and answer on the stream it came on. */
  #serveCallbacks(frame: ServerFrame, channel: SessionChannel | undefined): void {
    const callbacks = this.options.callbacks;
    if (!callbacks) return;
    if (frame.callbackRelease.length > 0) callbacks.release(frame.callbackRelease);
    if (frame.callbackCancel.length > 0) callbacks.abort(frame.callbackCancel);
    for (const invocation of frame.callbacks) {
      callbacks.run(invocation, (reply) => {
        if (this.#closed || !channel || this.#channel !== channel) return; // that stream is gone, and Python's wait with it
        channel.send({ $typeName: "snakepit.v1.ClientFrame", calls: [], cancel: [], release: [], callbackReplies: [reply], clientPolling: false });
        this.#awake.answered();
      });
    }
  }

  #settle(frame: ServerFrame): void {
    const observe = this.options.onRunTime;
    const report = frame.runMicros > 0 && observe ? new RunTimeReport(frame.runMicros, observe) : undefined;
    for (const reply of frame.replies) {
      const pending = this.#pending.get(reply.id);
      if (!pending) continue; // abandoned after a deadline or an abort: the reply is late
      report?.add(pending.context);
      const file = this.options.codec.sameHost && reply.outcome.case === "value" ? sharedFileOfPayload(reply.outcome.value) : undefined;
      if (file) {
        // A large result in a /dev/shm file: read it on libuv's threads first (shared-file-prefetch.ts).
        void prefetchSharedFile(file).then(() => this.#settleReply(reply, file));
        continue;
      }
      this.#settleReply(reply);
    }
    report?.tell();
  }

  /** Decodes the reply into its call's outcome; `prefetched`: the file read ahead for it, dropped if the call was abandoned meanwhile. */
  #settleReply(reply: CallReply, prefetched?: Uint8Array): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) {
      if (prefetched) forgetPrefetched(prefetched);
      return;
    }
    this.#pending.delete(reply.id);
    try {
      pending.resolve(valueOfReply(reply, this.options.codec, pending.context));
    } catch (error) {
      pending.reject(error as Error);
    }
  }

  /**
   * Takes the folded calls out of the pending table and returns the pending
   * call of the MAP call that carries them: it is settled like any other
   * reply (and rejected like any other call when the stream breaks or the
   * transport closes), and its settlement settles each folded call with its
   * own element's value or failure, or all of them with the MAP call's error.
   */
  #mappedPending(members: readonly bigint[]): PendingCall {
    const waiting: PendingCall[] = [];
    for (const id of members) {
      const pending = this.#pending.get(id);
      if (!pending) continue;
      this.#pending.delete(id);
      waiting.push(pending);
    }
    // The MAP call stands for all of them: its run time is shared out per call (run-time-report.ts).
    const context = { ...(waiting[0] as PendingCall).context, calls: waiting.length };
    const rejectAll = (error: Error) => {
      for (const pending of waiting) pending.reject(error);
    };
    return new PendingCall(context, (value) => {
      try {
        settleMappedValue(value, waiting.length, context, (index, result) => (waiting[index] as PendingCall).resolve(result), (index, reason) => (waiting[index] as PendingCall).reject(reason));
      } catch (error) {
        rejectAll(error as Error);
      }
    }, rejectAll);
  }

  /** Settles a call on our side (deadline, abort) and asks Python to stop it. */
  #abandon(id: bigint, error: Error): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    pending.reject(error);
    const unsent = this.#calls.findIndex((call) => call.id === id);
    if (unsent >= 0) {
      this.#calls.splice(unsent, 1);
      return;
    }
    this.#cancels.push(id);
    this.#scheduleFlush();
  }

  #ended(channel: SessionChannel | undefined, error: unknown): void {
    if (this.#channel === channel) this.#channel = undefined;
    if (this.#closed) return;
    // Python's proxies died with the stream; keep the handles only of calls still waiting to be sent.
    if (this.#calls.length === 0) this.options.callbacks?.clear("the session to the worker ended");
    let lost = 0;
    for (const [id, pending] of this.#pending) {
      if (!pending.wasSentOn(channel)) continue;
      this.#pending.delete(id);
      lost++;
      pending.reject(this.#breakError(pending.context, error));
    }
    this.options.onBroken(this.#breakError({ target: `the session (${lost} calls in flight)` }, error));
  }

  #breakError(context: CallContext, error: unknown): TransportError {
    if (error === undefined) {
      return new TransportError(`${context.target} was lost: worker ${this.options.endpoint} closed the session stream before replying; check the worker's log (it may be shutting down).`);
    }
    const mapped = errorFromRpc(error, { ...context, endpoint: this.options.endpoint });
    return mapped instanceof TransportError ? mapped : new TransportError(mapped.message, { cause: error });
  }
}
