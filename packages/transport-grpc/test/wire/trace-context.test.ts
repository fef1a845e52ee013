import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import { CallRequestSchema, ClientFrameSchema } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { encodeClientFrame, joinSegments } from "../../src/wire/frame-codec.js";
import { encodeMappedArguments, toMappedWireCall } from "../../src/session/mapped-batch.js";
import { toWireCall } from "../../src/wire/request-conversion.js";

const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

describe("trace context on the wire (CallRequest fields 10 and 11)", () => {
  it("toWireCall copies the request's trace context, and leaves both fields empty without one", () => {
    const codec = new PayloadCodec("w1");
    const traced = toWireCall({ target: "math.sqrt", args: [4], trace: { traceparent, tracestate: "vendor=1" } }, 1n, codec);
    expect([traced.traceparent, traced.tracestate]).toEqual([traceparent, "vendor=1"]);
    const plain = toWireCall({ target: "math.sqrt", args: [4] }, 2n, codec);
    expect([plain.traceparent, plain.tracestate]).toEqual(["", ""]);
  });

  it("a uniform batch sent as one MAP call carries the batch's trace context", () => {
    const codec = new PayloadCodec("w1");
    const requests = [1, 2, 3, 4].map((value) => ({ target: "math.sqrt", args: [value], trace: { traceparent, tracestate: "vendor=1" } }));
    const encoded = encodeMappedArguments(requests, codec);
    expect(encoded).toBeDefined();
    const wire = toMappedWireCall("math.sqrt", requests, encoded ?? { args: new Uint8Array(), kwargs: new Uint8Array() }, 1n, {});
    expect([wire.traceparent, wire.tracestate]).toEqual([traceparent, "vendor=1"]);
  });

  it("the hand-written frame codec writes them byte for byte as protobuf-es does", () => {
    const frame = create(ClientFrameSchema, {
      calls: [
        create(CallRequestSchema, { id: 1n, target: "math.sqrt", args: new Uint8Array([0x91, 4]), traceparent, tracestate: "vendor=1,other=ü" }),
        create(CallRequestSchema, { id: 2n, target: "math.sqrt", args: new Uint8Array([0x91, 9]), traceparent }),
        create(CallRequestSchema, { id: 3n, target: "math.sqrt" }),
      ],
    });
    const written = joinSegments(encodeClientFrame(frame));
    expect(Buffer.compare(Buffer.from(written), Buffer.from(toBinary(ClientFrameSchema, frame)))).toBe(0);
    expect(fromBinary(ClientFrameSchema, written).calls.map((call) => [call.traceparent, call.tracestate])).toEqual([
      [traceparent, "vendor=1,other=ü"],
      [traceparent, ""],
      ["", ""],
    ]);
  });
});
