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
      ],
    });
    expect(fromBinary(ClientFrameSchema, joinSegments(encodeClientFrame(frame)))).toEqual(frame);
  });

  it("reads invocations, cancels and releases as protobuf-es does", () => {
    const frame = create(ServerFrameSchema, {
      replies: [create(CallReplySchema, { id: 9n, outcome: { case: "value", value: new Uint8Array([1]) } })],
      callbacks: [
        create(CallbackInvocationSchema, { id: 1n, handle: 3n, args: new Uint8Array([0x91, 7]), deadlineMs: 250, callId: 9n }),
        create(CallbackInvocationSchema, { id: 2n, tool: "lookup_price", kwargs: new Uint8Array([0x80]) }),
      ],
      callbackCancel: [1n, 2n ** 33n],
      callbackRelease: [3n, 4n],
    });
    expect(decodeServerFrame(toBinary(ServerFrameSchema, frame))).toEqual(frame);
  });
});
