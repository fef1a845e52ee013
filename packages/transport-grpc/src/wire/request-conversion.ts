import type { CallKind, CallRequest, ResultMode } from "@snakepit/core";
import { CallKind as WireCallKind, ResultMode as WireResultMode, type CallRequest as WireCallRequest } from "../gen/snakepit/v1/bridge_pb.js";
import type { PayloadCodec } from "../codec/payload-codec.js";

const kinds: Readonly<Record<CallKind, WireCallKind>> = {
  call: WireCallKind.CALL,
  getattr: WireCallKind.GET_ATTR,
  setattr: WireCallKind.SET_ATTR,
};

/** The wire's result mode for core's (undefined = "auto"). */
export const wireResultModes: Readonly<Record<ResultMode, WireResultMode>> = {
  auto: WireResultMode.AUTO,
  ref: WireResultMode.REF,
  value: WireResultMode.VALUE,
};

/** The largest deadline the wire's uint32 milliseconds can carry (about 49 days). */
const maxDeadlineMs = 0xffff_ffff;

/** A caller's deadline as the wire's whole milliseconds: 0 for none, at least 1 for any, at most what uint32 holds. */
export function wireDeadlineMs(timeoutMs: number | undefined): number {
  return timeoutMs === undefined ? 0 : Math.min(maxDeadlineMs, Math.max(1, Math.ceil(timeoutMs)));
}

/**
 * Builds the wire message of one call. Arguments are encoded here, at call
 * time, so a value the codec refuses rejects that call alone, before anything
 * is sent.
 */
export function toWireCall(request: CallRequest, id: bigint, codec: PayloadCodec, timeoutMs?: number): WireCallRequest {
  // A literal with every field instead of create(): the same message, without reflection per call.
  return {
    $typeName: "snakepit.v1.CallRequest",
    id,
    target: request.ref ? "" : request.target,
    refId: request.ref?.id ?? "",
    attribute: request.attribute ?? "",
    args: codec.encodeArguments(request.args),
    kwargs: codec.encodeKeywordArguments(request.kwargs),
    deadlineMs: wireDeadlineMs(timeoutMs),
    resultMode: wireResultModes[request.resultMode ?? "auto"],
    kind: kinds[request.kind ?? "call"],
    traceparent: request.trace?.traceparent ?? "",
    tracestate: request.trace?.tracestate ?? "",
  };
}
