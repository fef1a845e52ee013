import { CancelledError, CodecError, PythonError, TimeoutError, TransportError, hasKeys, type BatchOptions, type CallOutcome, type CallRequest } from "@snakepit/core";
import { CallKind, type CallRequest as WireCallRequest, type PythonError as PythonErrorMessage } from "../gen/snakepit/v1/bridge_pb.js";
import type { PayloadCodec } from "../codec/payload-codec.js";
import { errorFromPython, type CallContext } from "../wire/python-error-mapping.js";
import { wireDeadlineMs, wireResultModes } from "../wire/request-conversion.js";

/** Below this many calls a batch gains nothing from travelling as one MAP call. */
export const smallestMappedBatch = 4;

/**
 * The dotted path every call of the batch names, when the batch is uniform:
 * plain calls of one path (no refs, no attribute reads), one result mode (not "ref"), and
 * not stop-on-error (a MAP call runs every element). Otherwise undefined, and
 * the batch travels call by call.
 *
 * Why: a batch of 1,000 `add(i, 1)` sent call by call costs 1,000 protobuf
 * messages and 2,000 MessagePack documents on each side; as one MAP call it
 * is one message, one encode and one decode, and the worker resolves and
 * checks the path once (proto: CALL_KIND_MAP).
 */
export function uniformTarget(requests: readonly CallRequest[], options: BatchOptions): string | undefined {
  if (requests.length < smallestMappedBatch || options.stopOnError) return undefined;
  const first = requests[0];
  if (!first || !first.target || first.ref) return undefined;
  const mode = first.resultMode ?? "auto";
  // The worker encodes a MAP call's whole [results, failures] in the call's mode: "ref" would make it one ref.
  if (mode === "ref") return undefined;
  for (const request of requests) {
    if (request.target !== first.target || request.ref || request.attribute || (request.kind ?? "call") !== "call" || (request.resultMode ?? "auto") !== mode) return undefined;
  }
  return first.target;
}

/** The MAP call's `args` and `kwargs` bytes: every element's arguments in one MessagePack array each. */
export interface MappedArguments {
  readonly args: Uint8Array;
  readonly kwargs: Uint8Array;
}

/**
 * Encodes the arguments of a uniform batch, or returns undefined when some
 * element's arguments have no wire mapping: the call-by-call path then fails
 * that element alone, as `transport.batch` promises.
 */
export function encodeMappedArguments(requests: readonly CallRequest[], codec: PayloadCodec): MappedArguments | undefined {
  const withKeywords = requests.some((request) => hasKeys(request.kwargs));
  try {
    return {
      args: codec.encode(requests.map((request) => request.args ?? [])),
      kwargs: withKeywords ? codec.encode(requests.map((request) => request.kwargs ?? {})) : new Uint8Array(0),
    };
  } catch (error) {
    if (error instanceof CodecError) return undefined;
    throw error;
  }
}

/** The MAP call of a uniform batch (proto: CALL_KIND_MAP). */
export function toMappedWireCall(target: string, requests: readonly CallRequest[], encoded: MappedArguments, id: bigint, options: BatchOptions): WireCallRequest {
  return {
    $typeName: "snakepit.v1.CallRequest",
    id,
    target,
    refId: "",
    attribute: "",
    args: encoded.args,
    kwargs: encoded.kwargs,
    deadlineMs: wireDeadlineMs(options.timeoutMs),
    resultMode: wireResultModes[requests[0]?.resultMode ?? "auto"],
    kind: CallKind.MAP,
    // The calls of one facade batch share the batch span's context; the worker runs the map in one span under it.
    traceparent: requests[0]?.trace?.traceparent ?? "",
    tracestate: requests[0]?.trace?.tracestate ?? "",
  };
}

/** Splits the MAP call's `[results, failures]` value into one outcome per call, in order. */
export function outcomesOfMappedValue(value: unknown, count: number, context: CallContext): CallOutcome[] {
  const outcomes = new Array<CallOutcome>(count);
  settleMappedValue(value, count, context, (index, result) => (outcomes[index] = { status: "fulfilled", value: result }), (index, reason) => (outcomes[index] = { status: "rejected", reason }));
  return outcomes;
}

/**
 * Hands each element of the MAP call's `[results, failures]` value to
 * `fulfil` or `fail`, in order, with no outcome object per call (the calls
 * the session folded into a MAP call are settled this way, 32 or so a frame).
 * Throws when the value is malformed, before settling anything.
 */
export function settleMappedValue(value: unknown, count: number, context: CallContext, fulfil: (index: number, value: unknown) => void, fail: (index: number, reason: Error) => void): void {
  if (!Array.isArray(value) || value.length !== 2 || !Array.isArray(value[0]) || !Array.isArray(value[1]) || value[0].length !== count) {
    throw new TransportError(`Worker answered the batch of ${count} calls of ${context.target} with a malformed MAP result; its snakepit-bridge may not match @snakepit/transport-grpc.`);
  }
  const [results, failures] = value as [unknown[], unknown[]];
  let failed: Map<number, Error> | undefined;
  for (const failure of failures) {
    if (!Array.isArray(failure) || typeof failure[0] !== "number" || failure[0] >= count) throw new CodecError(`A failure entry of the MAP result of ${context.target} is malformed: ${JSON.stringify(failure)}.`);
    const [index, type, module, message, traceback, bridgeCode] = failure as [number, string, string, string, string, string];
    const error: PythonErrorMessage = { $typeName: "snakepit.v1.PythonError", type, module, message, traceback, bridgeCode };
    (failed ??= new Map()).set(index, errorFromPython(error, context));
  }
  for (let index = 0; index < count; index++) {
    const reason = failed?.get(index);
    if (reason) fail(index, reason);
    else fulfil(index, results[index]);
  }
}

/**
 * Whether a failed MAP call stands for each of its elements: the worker
 * answered with an error about the path (not found, not allowed, not
 * callable), which every call of the batch would have met. A deadline, an
 * abort or a broken connection rejects the whole batch instead, as the
 * call-by-call path does.
 */
export function failsEveryElement(error: unknown): boolean {
  if (error instanceof TimeoutError || error instanceof CancelledError || error instanceof TransportError) return false;
  return error instanceof PythonError || (error instanceof Error && error.cause instanceof PythonError);
}
