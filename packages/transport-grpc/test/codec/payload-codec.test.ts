import { CodecError, NDArray, PyTuple, RemoteRef, tuple } from "@snakepit/core";
import { describe, expect, it } from "vitest";
import { PayloadCodec } from "../../src/codec/payload-codec.js";

const codec = new PayloadCodec("worker-7");
const roundTrip = (value: unknown): unknown => codec.decode(codec.encode(value));

describe("PayloadCodec round trips", () => {
  it.each([
    ["null", null],
    ["true", true],
    ["false", false],
    ["a small integer", 42],
    ["a negative integer", -7],
    ["the largest safe integer", Number.MAX_SAFE_INTEGER],
    ["a float", 1.5],
    ["infinity", Number.POSITIVE_INFINITY],
    ["a string", "héllo 🐍"],
    ["an array", [1, "two", [3, null]]],
    ["a plain object", { a: 1, nested: { b: [true] } }],
  ])("keeps %s", (_name, value) => {
    expect(roundTrip(value)).toEqual(value);
  });

  it("turns undefined into null, as Python has only None", () => {
    expect(roundTrip(undefined)).toBeNull();
    expect(roundTrip([undefined])).toEqual([null]);
  });

  it("keeps NaN", () => {
    expect(roundTrip(Number.NaN)).toBeNaN();
  });

  it("encodes unsafe integers as float64, safe ones as int", () => {
    expect(codec.encode(2 ** 53)[0]).toBe(0xcb);
    expect(codec.encode(2 ** 53 - 1)[0]).toBe(0xcf);
    expect(codec.encode(1.5)[0]).toBe(0xcb);
  });

  it("keeps bigint as ext 2 with decimal text", () => {
    const big = 2n ** 100n + 1n;
    expect(roundTrip(big)).toBe(big);
    expect(roundTrip(-5n)).toBe(-5n);
    // ext 8 (0xc7), 3 bytes, type 2, then ASCII "123".
    expect([...codec.encode(123n)]).toEqual([0xc7, 3, 2, 0x31, 0x32, 0x33]);
  });

  it("keeps bytes as bin", () => {
    const bytes = new Uint8Array([0, 1, 255]);
    expect(roundTrip(bytes)).toEqual(bytes);
    expect(codec.encode(bytes)[0]).toBe(0xc4);
  });

  it("keeps a Map with non-string keys as a Map", () => {
    const map = new Map<unknown, unknown>([[1, "one"], ["two", 2], [true, [3]]]);
    expect(roundTrip(map)).toEqual(map);
  });

  it("keeps nested Maps, Sets and tuples", () => {
    const value = new Map<unknown, unknown>([["inner", new Map([[1, new Set<unknown>([tuple(1, 2), 3])]])]]);
    const decoded = roundTrip(value) as Map<string, Map<number, Set<unknown>>>;
    const set = decoded.get("inner")?.get(1);
    expect(set).toBeInstanceOf(Set);
    const [first] = [...(set ?? [])];
    expect(first).toBeInstanceOf(PyTuple);
    expect(first).toEqual(tuple(1, 2));
  });

  it("keeps a PyTuple as a PyTuple, distinct from an array", () => {
    const decoded = roundTrip(tuple<unknown[]>(1, "a", null));
    expect(decoded).toBeInstanceOf(PyTuple);
    expect([...(decoded as PyTuple)]).toEqual([1, "a", null]);
    expect(roundTrip([1, 2])).not.toBeInstanceOf(PyTuple);
  });

  it("keeps a Set", () => {
    expect(roundTrip(new Set([1, "a"]))).toEqual(new Set([1, "a"]));
  });

  it("keeps a Date to the millisecond", () => {
    const date = new Date("2024-05-06T07:08:09.123Z");
    expect(roundTrip(date)).toEqual(date);
    expect(roundTrip(new Date(-1))).toEqual(new Date(-1));
  });

  it("refuses an invalid Date", () => {
    expect(() => codec.encode(new Date(Number.NaN))).toThrow(CodecError);
  });

  it("stamps decoded refs with the endpoint id", () => {
    const decoded = roundTrip(new RemoteRef("r1", "collections.Counter", "elsewhere"));
    expect(decoded).toBeInstanceOf(RemoteRef);
    expect(decoded).toEqual(new RemoteRef("r1", "collections.Counter", "worker-7"));
  });
});

describe("PayloadCodec arrays", () => {
  it.each([
    ["float64", new Float64Array([1.5, -2, 3])],
    ["float32", new Float32Array([1.5, -2, 3])],
    ["int8", new Int8Array([-1, 2])],
    ["int16", new Int16Array([-1, 2])],
    ["int32", new Int32Array([-1, 2])],
    ["int64", new BigInt64Array([-1n, 2n ** 40n])],
    ["uint16", new Uint16Array([1, 65535])],
    ["uint32", new Uint32Array([1, 2 ** 32 - 1])],
    ["uint64", new BigUint64Array([1n, 2n ** 63n])],
  ])("sends a bare %s typed array as a one-dimensional NDArray", (dtype, data) => {
    const decoded = roundTrip(data) as NDArray;
    expect(decoded).toBeInstanceOf(NDArray);
    expect(decoded.dtype).toBe(dtype);
    expect(decoded.shape).toEqual([data.length]);
    expect(decoded.data).toEqual(data);
  });

  it("keeps shape, dtype and data of a 2-D NDArray", () => {
    const array = NDArray.from(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    const decoded = roundTrip(array) as NDArray;
    expect(decoded.dtype).toBe("float64");
    expect(decoded.shape).toEqual([2, 3]);
    expect(decoded.toArray()).toEqual([[1, 2, 3], [4, 5, 6]]);
  });

  it("keeps a bool NDArray and a 0-d array", () => {
    const flags = roundTrip(NDArray.bool(new Uint8Array([1, 0, 1]))) as NDArray;
    expect(flags.dtype).toBe("bool");
    expect(flags.toArray()).toEqual([true, false, true]);
    const scalar = roundTrip(NDArray.from(new Float64Array([2.5]), [])) as NDArray;
    expect(scalar.shape).toEqual([]);
    expect(scalar.toArray()).toBe(2.5);
  });

  it("writes the ext 1 header as the spec says", () => {
    const bytes = codec.encode(NDArray.from(new Int32Array([7, 8]), [1, 2]));
    // ext 8 (0xc7), length, type 1, then dtype 4 (int32), ndim 2, shape 1, 2 (uint32 LE), data.
    expect([...bytes.subarray(0, 3)]).toEqual([0xc7, 2 + 8 + 8, 1]);
    expect([...bytes.subarray(3, 13)]).toEqual([4, 2, 1, 0, 0, 0, 2, 0, 0, 0]);
    expect([...bytes.subarray(13)]).toEqual([7, 0, 0, 0, 8, 0, 0, 0]);
  });

  it("decodes a large array without per-element work", () => {
    const data = new Float64Array(1_000_000).map((_, index) => index);
    const started = performance.now();
    const decoded = codec.decode(codec.encode(data)) as NDArray<"float64">;
    expect(decoded.data[999_999]).toBe(999_999);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe("PayloadCodec refusals", () => {
  class Model {
    weights = [1];
  }

  it.each([
    ["a function", () => 1, /a function/],
    ["a class instance", new Model(), /an instance of Model/],
    ["an instance nested in an object", { model: new Model() }, /an instance of Model/],
    ["a symbol", Symbol("s"), /a symbol/],
    ["an ArrayBuffer", new ArrayBuffer(4), /new Uint8Array\(buffer\)/],
    ["an Error", new Error("boom"), /an instance of Error/],
  ])("refuses %s with a CodecError naming the type", (_name, value, message) => {
    expect(() => codec.encode([value])).toThrow(CodecError);
    expect(() => codec.encode([value])).toThrow(message);
  });

  it("stays usable after a refusal inside a nested container", () => {
    expect(() => codec.encode(new Map([[1, new Set([() => 1])]]))).toThrow(CodecError);
    expect(roundTrip(new Map([[1, new Set([2])]]))).toEqual(new Map([[1, new Set([2])]]));
  });

  it("reports malformed input as a CodecError", () => {
    expect(() => codec.decode(new Uint8Array([0xc1]))).toThrow(CodecError);
    expect(() => codec.decode(new Uint8Array([0xd4, 9, 0]))).toThrow(/ext 9/);
  });

  it("encodes no arguments as empty bytes", () => {
    expect(codec.encodeArguments([]).byteLength).toBe(0);
    expect(codec.encodeArguments(undefined).byteLength).toBe(0);
    expect(codec.encodeKeywordArguments({}).byteLength).toBe(0);
    expect(codec.decode(codec.encodeKeywordArguments({ a: 1 }))).toEqual({ a: 1 });
  });
});
