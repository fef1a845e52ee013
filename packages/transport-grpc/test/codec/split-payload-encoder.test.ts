import { Encoder, ExtensionCodec } from "@msgpack/msgpack";
import { NDArray } from "@snakepit/core";
import { describe, expect, it } from "vitest";
import { encodeNDArray } from "../../src/codec/ndarray-extension.js";
import { PayloadCodec } from "../../src/codec/payload-codec.js";
import { createPayloadEncoder, encodeOwned, handOverBytes, splitPayload } from "../../src/codec/split-payload-encoder.js";

/**
 * The large-array path of the payload codec: the NDArray's data goes into
 * the MessagePack output in one copy and the output is handed over, not
 * copied again. What must hold: the bytes are exactly what a plain Encoder
 * writes for the joined ext 1 payload, and a handed-over result is never
 * overwritten by a later encode nor changed by writes to the source array.
 */
const codec = new PayloadCodec("worker-split");

function ramp(length: number, start = 0): Float64Array {
  return Float64Array.from({ length }, (_, index) => start + index * 0.5);
}

/** What a plain @msgpack/msgpack Encoder writes for `[array]` with ext 1 joined in one buffer. */
function plainBytes(array: NDArray): Uint8Array {
  const extensions = new ExtensionCodec();
  extensions.register({ type: 1, encode: (value) => (value instanceof NDArray ? encodeNDArray(value).slice() : null), decode: () => null });
  return new Encoder({ extensionCodec: extensions }).encode([array]);
}

describe("split NDArray payloads", () => {
  it.each([0, 1, 2, 100, 8191, 8192, 300_000])("writes the same bytes as a plain encoder for %i float64 values", (length) => {
    const array = NDArray.from(ramp(length), [length]);
    expect(Buffer.from(codec.encode([array])).equals(Buffer.from(plainBytes(array)))).toBe(true);
  });

  it("round-trips a large array and a typed array nested in a Map", () => {
    const values = ramp(200_000, 3);
    const decoded = codec.decode(codec.encode([values, new Map([["inner", ramp(20_000, 7)]])])) as [NDArray, Map<string, NDArray>];
    expect(Array.from(decoded[0].data as Float64Array)).toEqual(Array.from(values));
    expect(Array.from(decoded[1].get("inner")?.data as Float64Array)).toEqual(Array.from(ramp(20_000, 7)));
  });

  it("hands over large results: a later encode does not overwrite an earlier one", () => {
    const first = ramp(handOverBytes / 8 + 10, 1);
    const firstBytes = codec.encode([first]);
    expect(firstBytes.byteLength).toBeGreaterThanOrEqual(handOverBytes);
    const copy = firstBytes.slice();
    codec.encode([ramp(handOverBytes / 8 + 10, 99)]);
    codec.encode([1, "small", ramp(10)]);
    expect(Buffer.from(firstBytes).equals(Buffer.from(copy))).toBe(true);
  });

  it("copies the array's data while encoding: changing the array afterwards does not change the bytes", () => {
    const values = ramp(handOverBytes / 8 + 10);
    const bytes = codec.encode([values]);
    values.fill(-1);
    const [decoded] = codec.decode(bytes) as [NDArray];
    expect((decoded.data as Float64Array)[5]).toBe(2.5);
  });

  it("leaves the encoder usable for small values after handing over its buffer", () => {
    const extensions = new ExtensionCodec();
    extensions.register({ type: 1, encode: (value) => (value instanceof Uint8Array && value.byteLength > 4 ? splitPayload([value.subarray(0, 2), value.subarray(2)], () => value) : null), decode: () => null });
    const encoder = createPayloadEncoder({ extensionCodec: extensions });
    const large = new Uint8Array(handOverBytes + 5).fill(7);
    const handedOver = encodeOwned(encoder, [large]);
    expect(handedOver.byteLength).toBe(1 + 6 + large.byteLength);
    expect(Array.from(encodeOwned(encoder, [1, 2]))).toEqual([0x92, 1, 2]);
    expect(handedOver[7 + 100]).toBe(7);
  });
});
