import { decode, encode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { CallKind, ResultMode, type CallRequest } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { foldable, groupFrameCalls } from "../../src/session/frame-grouping.js";

function wireCall(id: number, target: string, args: unknown[] = [], kwargs: Record<string, unknown> = {}, extra: Partial<CallRequest> = {}): CallRequest {
  return {
    $typeName: "snakepit.v1.CallRequest", id: BigInt(id), target, refId: "", attribute: "",
    args: args.length ? encode(args) : new Uint8Array(0), kwargs: Object.keys(kwargs).length ? encode(kwargs) : new Uint8Array(0),
    deadlineMs: 0, resultMode: ResultMode.AUTO, kind: CallKind.CALL, traceparent: "", tracestate: "", ...extra,
  };
}

describe("folding a frame's calls into MAP calls", () => {
  let next = 1000;
  const nextId = () => BigInt(next++);

  it("folds four or more calls of one path into one MAP call at the first one's place; its args are the calls' argument arrays", () => {
    const calls = [wireCall(1, "math.sqrt", [1]), wireCall(2, "math.floor", [2.5]), ...Array.from({ length: 20 }, (_, index) => wireCall(3 + index, "math.sqrt", index === 4 ? [] : [index]))];
    const grouped = groupFrameCalls(calls, foldable, nextId);
    expect(grouped.calls.map((call) => [call.target, call.kind])).toEqual([["math.sqrt", CallKind.MAP], ["math.floor", CallKind.CALL]]);
    const mapped = grouped.calls[0] as CallRequest;
    expect(grouped.groups.get(mapped.id)).toEqual([1n, ...Array.from({ length: 20 }, (_, index) => BigInt(3 + index))]);
    expect(decode(mapped.args)).toEqual([[1], ...Array.from({ length: 20 }, (_, index) => (index === 4 ? [] : [index]))]);
    expect(mapped.kwargs).toHaveLength(0);
  });

  it("carries keyword maps for every element when any call has them (an empty map for the others)", () => {
    const calls = Array.from({ length: 4 }, (_, index) => wireCall(index + 1, "round", [1.2345], index === 2 ? { ndigits: 2 } : {}));
    const mapped = groupFrameCalls(calls, foldable, nextId).calls[0] as CallRequest;
    expect(decode(mapped.kwargs)).toEqual([{}, {}, { ndigits: 2 }, {}]);
  });

  it("leaves alone calls with a deadline, a ref, an attribute, a result mode or a trace, small groups, and calls the caller keeps solo", () => {
    const kept = [
      wireCall(1, "f", [], {}, { deadlineMs: 50 }), wireCall(2, "f", [], {}, { resultMode: ResultMode.REF }),
      wireCall(3, "f", [], {}, { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" }), wireCall(4, "", [], {}, { refId: "r1", attribute: "total" }),
    ];
    expect(kept.some(foldable)).toBe(false);
    const small = [wireCall(5, "g"), wireCall(6, "g"), wireCall(7, "g")];
    const solo = Array.from({ length: 4 }, (_, index) => wireCall(8 + index, "h"));
    const grouped = groupFrameCalls([...kept, ...small, ...solo], (call) => foldable(call) && call.target !== "h", nextId);
    expect(grouped.groups.size).toBe(0);
    expect(grouped.calls.map((call) => call.id)).toEqual([...kept, ...small, ...solo].map((call) => call.id));
  });
});
