import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { CallReplySchema, CallRequestSchema, ClientFrameSchema, PythonErrorSchema, ServerFrameSchema } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { decodeServerFrame, encodeClientFrame, joinSegments } from "../../src/wire/frame-codec.js";

const longText = "ü".repeat(200);

describe("the hand-written Session frame codec", () => {
  it("writes ClientFrames that protobuf-es reads back as the same message", () => {
    const frame = create(ClientFrameSchema, {
      calls: [
        create(CallRequestSchema, { id: 1n, target: "operator.add", args: new Uint8Array([0x92, 1, 2]) }),
        create(CallRequestSchema, { id: 2n ** 40n, refId: "r7", attribute: longText, kwargs: new Uint8Array(300).fill(7), deadlineMs: 0xffff_ffff, resultMode: 2, kind: 1 }),
        create(CallRequestSchema, { id: 3n, target: "x", args: new Uint8Array(20_000).fill(1) }),
      ],
      cancel: [5n, 300n, 2n ** 35n],
      release: ["r1", longText],
    });
    expect(fromBinary(ClientFrameSchema, joinSegments(encodeClientFrame(frame)))).toEqual(frame);
    const withHeader = joinSegments(encodeClientFrame(frame, 4));
    expect(fromBinary(ClientFrameSchema, withHeader.subarray(4))).toEqual(frame);
  });

  it("writes big payloads as segments of their own, byte for byte what protobuf-es writes", () => {
    const frame = create(ClientFrameSchema, {
      calls: [
        create(CallRequestSchema, { id: 1n, target: "numpy.sum", args: new Uint8Array(100_000).fill(2), kwargs: new Uint8Array(70_000).fill(3) }),
        create(CallRequestSchema, { id: 2n, target: "operator.add", args: new Uint8Array([0x92, 1, 2]) }),
      ],
    });
    const segments = encodeClientFrame(frame);
    expect(segments.length).toBeGreaterThan(1);
    // Compared as Buffers: deep equality of 170k-element arrays is needlessly slow.
    expect(Buffer.compare(Buffer.from(joinSegments(segments)), Buffer.from(toBinary(ClientFrameSchema, frame)))).toBe(0);
  });

  it("writes client_polling (a lone request) byte for byte what protobuf-es writes", () => {
    const frame = create(ClientFrameSchema, { calls: [create(CallRequestSchema, { id: 9n, target: "operator.add", kind: 3, args: new Uint8Array([0x91, 0x92, 1, 2]) })], clientPolling: true });
    const written = joinSegments(encodeClientFrame(frame));
    expect(Buffer.compare(Buffer.from(written), Buffer.from(toBinary(ClientFrameSchema, frame)))).toBe(0);
    expect(fromBinary(ClientFrameSchema, written).clientPolling).toBe(true);
  });

  it("writes an empty frame as no bytes", () => {
    expect(joinSegments(encodeClientFrame(create(ClientFrameSchema, {})))).toHaveLength(0);
  });

  it("reads ServerFrames as protobuf-es does", () => {
    const frame = create(ServerFrameSchema, {
      replies: [
        create(CallReplySchema, { id: 1n, outcome: { case: "value", value: new Uint8Array([3]) } }),
        create(CallReplySchema, { id: 2n ** 40n, outcome: { case: "error", value: create(PythonErrorSchema, { type: "ValueError", module: "builtins", message: longText, traceback: "Traceback…", bridgeCode: "" }) } }),
        create(CallReplySchema, { id: 3n, outcome: { case: "value", value: new Uint8Array(20_000).fill(9) } }),
      ],
      runMicros: 0xffff_ffff,
    });
    expect(decodeServerFrame(toBinary(ServerFrameSchema, frame))).toEqual(frame);
    const small = create(ServerFrameSchema, { replies: [create(CallReplySchema, { id: 1n, outcome: { case: "value", value: new Uint8Array([3]) } })], runMicros: 37 });
    expect(decodeServerFrame(toBinary(ServerFrameSchema, small)).runMicros).toBe(37);
  });
});
