import { CodecError } from "@snakepit/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PayloadCodec } from "../../src/codec/payload-codec.js";

/**
 * Property tests of the TypeScript codec: arbitrary values survive a round
 * trip, and arbitrary or damaged bytes from a worker raise CodecError, never
 * another exception or a hang. Runs are bounded so the file stays fast.
 */
const codec = new PayloadCodec("worker-fuzz");
const runs = { numRuns: 300 };

const key = fc.string({ maxLength: 8 }).filter((text) => text !== "__proto__");
const leaf = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.maxSafeInteger(),
  fc.double().filter((value) => !Object.is(value, -0)),
  fc.string({ maxLength: 40 }),
  fc.bigInt({ min: -(2n ** 100n), max: 2n ** 100n }).filter((value) => value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)),
  fc.uint8Array({ maxLength: 64 }),
);
const value = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object")),
  array: fc.array(tie("tree"), { maxLength: 6 }),
  object: fc.dictionary(key, tie("tree"), { maxKeys: 6 }),
})).tree;

/** Decodes and reports only what is not a CodecError: a value is fine, a CodecError is fine. */
function unexpectedFailure(bytes: Uint8Array): unknown {
  try {
    codec.decode(bytes);
    return undefined;
  } catch (error) {
    return error instanceof CodecError ? undefined : error;
  }
}

describe("PayloadCodec under fuzzing", () => {
  it("round-trips arbitrary values", () => {
    fc.assert(fc.property(value, (input) => {
      expect(codec.decode(codec.encode(input))).toEqual(input);
    }), runs);
  });

  it("answers arbitrary bytes with a value or a CodecError", () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 256 }), (bytes) => {
      expect(unexpectedFailure(bytes)).toBeUndefined();
    }), runs);
  });

  it("answers truncated encodings with a CodecError", () => {
    fc.assert(fc.property(value, fc.nat(), (input, cut) => {
      const bytes = codec.encode(input);
      if (bytes.byteLength < 2) return;
      expect(unexpectedFailure(bytes.subarray(0, cut % bytes.byteLength || 1))).toBeUndefined();
    }), runs);
  });

  it("answers Snakepit extension types with damaged payloads with a CodecError", () => {
    // ext 8: a one-byte type code and a one-byte length, then the payload (MessagePack spec).
    const damagedExtension = fc.tuple(fc.integer({ min: 0, max: 16 }), fc.uint8Array({ maxLength: 200 })).map(([type, payload]) =>
      Uint8Array.from([0xc7, payload.byteLength, type, ...payload]));
    fc.assert(fc.property(damagedExtension, (bytes) => {
      expect(unexpectedFailure(bytes)).toBeUndefined();
    }), runs);
  });

  it("claims of huge lengths fail at once instead of allocating or waiting", () => {
    for (const header of [[0xdd, 0xff, 0xff, 0xff, 0xff], [0xdf, 0xff, 0xff, 0xff, 0xff], [0xc6, 0xff, 0xff, 0xff, 0xff], [0xdb, 0x7f, 0xff, 0xff, 0xff]]) {
      expect(() => codec.decode(Uint8Array.from(header))).toThrow(CodecError);
    }
  });
});
