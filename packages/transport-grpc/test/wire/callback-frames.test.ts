import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import {
  CallbackErrorSchema, CallbackInvocationSchema, CallbackReplySchema, CallReplySchema, ClientFrameSchema, ServerFrameSchema,
} from "../../src/gen/snakepit/v1/bridge_pb.js";
import { decodeServerFrame, encodeClientFrame, joinSegments } from "../../src/wire/frame-codec.js";

describe("callback fields in the hand-written Session frame codec", () => {
  it("writes callback replies that protobuf-es reads back", () => {
    const frame = create(ClientFrameSchema, {
      cancel: [4n],
      callbackReplies: [
        create(CallbackReplySchema, { id: 1n, outcome: { case: "value", value: new Uint8Array([0x93, 1, 2, 3]) } }),
        create(CallbackReplySchema, { id: 2n ** 40n, outcome: { case: "error", value: create(CallbackErrorSchema, { name: "TypeError", message: "ü".repeat(50), stack: "at f (a.ts:1:1)", code: "" }) } }),
        create(CallbackReplySchema, { id: 3n, outcome: { case: "value", value: new Uint8Array(0) } }),
        create(CallbackReplySchema, { id: 4n, outcome: { case: "value", value: new Uint8Array(100_000).fill(7) } }),
        create(CallbackReplySchema, { id: 5n, outcome: { case: "error", value: create(CallbackErrorSchema, { name: "ToolNotFoundError", message: "no tool", code: "not_found" }) } }),
      ],
    });
    const segments = encodeClientFrame(frame);
    expect(segments.length).toBeGreaterThan(1); // the 100 kB value is a segment of its own, not copied
    const bytes = new Uint8Array(joinSegments(segments)); // a plain copy: Buffer.concat's views would compare as Buffers
    expect(bytes).toEqual(toBinary(ClientFrameSchema, frame));
    expect(fromBinary(ClientFrameSchema, bytes)).toEqual(frame);
  });

  it("reads invocations, cancels and releases as protobuf-es does", () => {
    const frame = create(ServerFrameSchema, {
      replies: [create(CallReplySchema, { id: 9n, outcome: { case: "value", value: new Uint8Array([1]) } })],
      callbacks: [
        create(CallbackInvocationSchema, { id: 1n, handle: 3n, args: new Uint8Array([0x91, 7]), deadlineMs: 250, callId: 9n }),
        create(CallbackInvocationSchema, { id: 2n, tool: "lookup_price", kwargs: new Uint8Array([0x80]) }),
        create(CallbackInvocationSchema, { id: 2n ** 45n, handle: 2n ** 35n, tool: "naïve", args: new Uint8Array(70_000).fill(1), kwargs: new Uint8Array([0x81, 0xa1, 0x6b, 1]), deadlineMs: 4_000_000_000, callId: 2n ** 50n }),
      ],
      callbackCancel: [1n, 2n ** 33n],
      callbackRelease: [3n, 4n],
    });
    expect(decodeServerFrame(toBinary(ServerFrameSchema, frame))).toEqual(frame);
  });
});
