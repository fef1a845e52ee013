import { create, toBinary } from "@bufbuild/protobuf";
import { encode, ExtData } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { ExtensionType } from "../../src/codec/extension-types.js";
import { ServerFrameSchema } from "../../src/gen/snakepit/v1/bridge_pb.js";
import { firstPayloadDataOffset } from "../../src/wire/payload-data-offset.js";

/** A ServerFrame as the worker serializes it (protobuf's own encoder), its first reply carrying `value`. */
function frameOf(value: Uint8Array, id = 7n, more = 0): Uint8Array {
  const replies = [{ id, outcome: { case: "value" as const, value } }, ...Array.from({ length: more }, (_, index) => ({ id: BigInt(100 + index), outcome: { case: "value" as const, value: encode(index) } }))];
  return toBinary(ServerFrameSchema, create(ServerFrameSchema, { replies, runMicros: 1234 }));
}

const data = Uint8Array.from({ length: 70_000 }, (_, index) => (index * 13) % 251);

describe("where a frame's first typed payload begins", () => {
  it("finds the Arrow stream of ext 8 behind every ext header size and reply id", () => {
    for (const size of [100, 300, 70_000]) {
      for (const id of [0n, 1n, 300n, 2n ** 40n]) {
        const frame = frameOf(encode(new ExtData(ExtensionType.arrow, data.subarray(0, size))), id, 2);
        const offset = firstPayloadDataOffset(frame) as number;
        expect(Array.from(frame.subarray(offset, offset + 16))).toEqual(Array.from(data.subarray(0, 16)));
      }
    }
  });

  it("skips the ext 1 header (dtype, ndim, shape) to the array's data", () => {
    const header = Uint8Array.from([0, 2, 100, 0, 0, 0, 50, 0, 0, 0]);
    const frame = frameOf(encode(new ExtData(ExtensionType.ndarray, Uint8Array.from([...header, ...data.subarray(0, 400)]))));
    const offset = firstPayloadDataOffset(frame) as number;
    expect(Array.from(frame.subarray(offset, offset + 16))).toEqual(Array.from(data.subarray(0, 16)));
  });

  it("is undefined for other values and for a prefix that ends too soon", () => {
    expect(firstPayloadDataOffset(frameOf(encode([1, 2, 3])))).toBeUndefined();
    expect(firstPayloadDataOffset(frameOf(encode(new ExtData(ExtensionType.sharedMemoryArrow, data.subarray(0, 40)))))).toBeUndefined();
    const frame = frameOf(encode(new ExtData(ExtensionType.arrow, data.subarray(0, 300))));
    expect(firstPayloadDataOffset(frame.subarray(0, 4))).toBeUndefined();
    expect(firstPayloadDataOffset(new Uint8Array(0))).toBeUndefined();
    expect(firstPayloadDataOffset(toBinary(ServerFrameSchema, create(ServerFrameSchema, { runMicros: 5 })))).toBeUndefined();
  });
});
