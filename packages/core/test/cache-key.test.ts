import { describe, expect, it } from "vitest";
import { canonicalHash, NDArray } from "../src/index.js";

describe("the cache key of call arguments", () => {
  it("is the same whatever the order of object keys, and differs between types", () => {
    expect(canonicalHash([{ a: 1, b: [2, "x"] }])).toBe(canonicalHash([{ b: [2, "x"], a: 1 }]));
    expect(canonicalHash(["1"])).not.toBe(canonicalHash([1]));
    expect(canonicalHash([[]])).not.toBe(canonicalHash([{}]));
    expect(canonicalHash([null])).not.toBe(canonicalHash([undefined]));
  });

  it("is the canonical text itself when that is short and has no bytes, and a sha256 digest otherwise", () => {
    const short = canonicalHash([[1, 2], {}]);
    expect(short.startsWith("=")).toBe(true);
    const long = canonicalHash([["a".repeat(100)], {}]);
    expect(long).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const bytes = canonicalHash([[new Uint8Array([1, 2, 3])], {}]);
    expect(bytes).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(canonicalHash([[NDArray.from(Float64Array.of(1, 2))], {}])).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("cannot confuse a string argument with the encoding of other arguments", () => {
    // Length-prefixed strings: "n1;" inside a string is not the number 1.
    expect(canonicalHash(["n1;"])).not.toBe(canonicalHash([1]));
    expect(canonicalHash(["a", "b"])).not.toBe(canonicalHash(["a;s1:b"]));
  });
});
