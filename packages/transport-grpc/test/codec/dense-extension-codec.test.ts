import { decode, encode, ExtensionCodec } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { DenseExtensionCodec } from "../../src/codec/dense-extension-codec.js";

class Point {
  constructor(readonly x: number, readonly y: number) {}
}

/** The same registrations on the stock codec and on the dense one. */
function registerAll(codec: ExtensionCodec, seen: string[]): void {
  codec.register({ type: 3, encode: (value) => (value instanceof Point ? encode([value.x, value.y]) : null), decode: (data) => new Point(...(decode(data) as [number, number])) });
  codec.register({ type: 1, encode: (value) => (value instanceof Point ? encode(["first"]) : null), decode: (data) => decode(data) });
  codec.register({
    type: 12,
    encode: (value) => {
      seen.push(Array.isArray(value) ? "array" : typeof value);
      return Array.isArray(value) && value[0] === "pair" ? encode(value.slice(1)) : null;
    },
    decode: (data) => ["pair", ...(decode(data) as unknown[])],
  });
}

describe("DenseExtensionCodec", () => {
  it("encodes exactly like the stock ExtensionCodec, in the same type order", () => {
    const stock = new ExtensionCodec();
    const dense = new DenseExtensionCodec({ claimsPlainArrays: [12] });
    registerAll(stock, []);
    registerAll(dense, []);
    const value = { when: new Date(0), point: new Point(1, 2), list: [1, ["pair", 2, 3]], nested: { deep: [new Point(3, 4)] } };
    expect(encode(value, { extensionCodec: dense })).toEqual(encode(value, { extensionCodec: stock }));
    expect(decode(encode(value, { extensionCodec: dense }), { extensionCodec: dense })).toEqual({ when: new Date(0), point: ["first"], list: [1, ["pair", 2, 3]], nested: { deep: [["first"]] } });
  });

  it("offers plain arrays and plain objects only to the encoders that claim them", () => {
    const seen: string[] = [];
    const dense = new DenseExtensionCodec();
    registerAll(dense, seen);
    encode([[1, 2], { a: [3] }, Object.create(null) as object], { extensionCodec: dense });
    expect(seen).toEqual([]);
    const objects: string[] = [];
    const claimingObjects = new DenseExtensionCodec({ claimsPlainObjects: [12] });
    registerAll(claimingObjects, objects);
    encode([[1, 2], { a: [3] }], { extensionCodec: claimingObjects });
    expect(objects).toEqual(["object"]);
    const claimed: string[] = [];
    const claiming = new DenseExtensionCodec({ claimsPlainArrays: [12] });
    registerAll(claiming, claimed);
    expect(decode(encode(["pair", 1], { extensionCodec: claiming }), { extensionCodec: claiming })).toEqual(["pair", 1]);
    expect(claimed).toContain("array");
  });

  it("keeps the MessagePack timestamp for Dates when nothing replaces it", () => {
    const dense = new DenseExtensionCodec();
    expect(decode(encode(new Date(1234), { extensionCodec: dense }))).toEqual(new Date(1234));
  });
});
