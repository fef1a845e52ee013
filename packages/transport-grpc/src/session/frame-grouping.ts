import { CallKind, ResultMode, type CallRequest as WireCallRequest } from "../gen/snakepit/v1/bridge_pb.js";
import { smallestMappedBatch } from "./mapped-batch.js";

/**
 * The calls of one outgoing frame, with runs of plain calls of one path
 * folded into MAP calls (proto: CALL_KIND_MAP), and which call ids each MAP
 * call stands for.
 *
 * Why: with 64 calls in flight the worker spent ≈ 6 µs per call of its own
 * CPU on one CallRequest each (a job, a decode, a dispatch, an encode, a
 * CallReply), against ≈ 0.5 µs per element of a MAP call, which resolves and
 * checks the path once and answers with one array. Calls that queue up in one
 * event-loop turn are folded without waiting for anything: a lone call still
 * leaves alone, at once.
 *
 * Only calls that need nothing a MAP call cannot give are folded (see
 * `foldable`): no deadline and no abort signal (each must stay interruptible
 * on its own), no callbacks, no trace context, no ref or attribute, the default
 * result mode. Their MAP call takes the place of the first of them in the frame.
 */
export interface GroupedFrame {
  readonly calls: WireCallRequest[];
  /** MAP call id → the ids of the calls it carries, in element order. */
  readonly groups: Map<bigint, bigint[]>;
}

/** A call that may travel as an element of a MAP call (its caller set no deadline, signal or callbacks). */
export function foldable(call: WireCallRequest): boolean {
  return call.kind === CallKind.CALL && call.target !== "" && call.refId === "" && call.attribute === ""
    && call.resultMode === ResultMode.AUTO && call.deadlineMs === 0 && call.traceparent === "";
}

/** Folds every path with `smallestMappedBatch` or more foldable calls into one MAP call with a fresh id. */
export function groupFrameCalls(calls: readonly WireCallRequest[], mayFold: (call: WireCallRequest) => boolean, nextId: () => bigint): GroupedFrame {
  const groups = new Map<bigint, bigint[]>();
  if (calls.length < smallestMappedBatch) return { calls: [...calls], groups };
  const byTarget = new Map<string, WireCallRequest[]>();
  // Which calls may fold, asked once per call (one flag array per frame, not an entry per call).
  const foldingCalls = calls.map(mayFold);
  calls.forEach((call, index) => {
    if (!foldingCalls[index]) return;
    const members = byTarget.get(call.target);
    if (members) members.push(call);
    else byTarget.set(call.target, [call]);
  });
  // Path → its MAP call, and whether the MAP call already took the place of its first member in `out`.
  const mappedByTarget = new Map<string, { readonly call: WireCallRequest; placed: boolean }>();
  for (const [target, members] of byTarget) {
    if (members.length < smallestMappedBatch) continue;
    const mapped = mappedCall(members, nextId());
    groups.set(mapped.id, members.map((member) => member.id));
    mappedByTarget.set(target, { call: mapped, placed: false });
  }
  if (groups.size === 0) return { calls: [...calls], groups };
  const out: WireCallRequest[] = [];
  calls.forEach((call, index) => {
    const mapped = foldingCalls[index] ? mappedByTarget.get(call.target) : undefined;
    if (!mapped) out.push(call);
    else if (!mapped.placed) {
      mapped.placed = true;
      out.push(mapped.call);
    }
  });
  return { calls: out, groups };
}

const emptyArray = Uint8Array.of(0x90);
const emptyMap = Uint8Array.of(0x80);

/**
 * One MAP call for `members`: its `args` is a MessagePack array of their
 * encoded argument arrays, written by joining the bytes each call already
 * has (every element is a complete MessagePack value), so nothing is encoded twice.
 */
function mappedCall(members: readonly WireCallRequest[], id: bigint): WireCallRequest {
  const withKeywords = members.some((member) => member.kwargs.length > 0);
  const first = members[0] as WireCallRequest;
  return {
    $typeName: "snakepit.v1.CallRequest",
    id,
    target: first.target,
    refId: "",
    attribute: "",
    args: joinArray(members.map((member) => (member.args.length > 0 ? member.args : emptyArray))),
    kwargs: withKeywords ? joinArray(members.map((member) => (member.kwargs.length > 0 ? member.kwargs : emptyMap))) : new Uint8Array(0),
    deadlineMs: 0,
    resultMode: ResultMode.AUTO,
    kind: CallKind.MAP,
    traceparent: "",
    tracestate: "",
  };
}

/** A MessagePack array header for `items.length` elements followed by the items' bytes. */
function joinArray(items: readonly Uint8Array[]): Uint8Array {
  const count = items.length;
  const header = count < 16 ? Uint8Array.of(0x90 | count) : count < 0x10000 ? Uint8Array.of(0xdc, count >> 8, count & 0xff) : Uint8Array.of(0xdd, count >>> 24, (count >> 16) & 0xff, (count >> 8) & 0xff, count & 0xff);
  return Buffer.concat([header, ...items]);
}
