import assert from "node:assert/strict";
import { tuple } from "@snakepit/core";
import type { TransportTestContext } from "./transport-test-context.js";

/**
 * Values that must cross to Python and back unchanged, through copy.deepcopy.
 * Only types the standard library holds: numpy arrays need numpy, and the
 * cache suite covers NDArray.
 */
const samples: ReadonlyArray<readonly [string, () => unknown]> = [
  ["integers and floats", () => [0, 1, -7, 1.5, -0.25, 1e300]],
  ["a unicode string", () => "héllo, 世界 🐍"],
  ["booleans and null", () => [true, false, null]],
  ["nested lists and dicts", () => ({ list: [1, [2, [3, []]]], dict: { nested: { deeper: "yes" } }, empty: {} })],
  ["integers beyond 64 bits as bigint", () => [2n ** 70n, -(2n ** 70n)]],
  ["a Date (datetime)", () => new Date("2024-02-29T12:34:56.789Z")],
  ["bytes as Uint8Array", () => new Uint8Array([0, 1, 127, 128, 255])],
  ["a Map with integer keys", () => new Map([[1, "one"], [2, "two"]])],
  ["tuples, nested in a list", () => [tuple(1, "a"), tuple(tuple(2), [3])]],
];

export function valueTests({ test }: TransportTestContext): void {
  for (const [name, make] of samples) {
    test(`values: ${name} survive a round trip through copy.deepcopy`, async (transport) => {
      assert.deepEqual(await transport.call({ target: "copy.deepcopy", args: [make()] }), make());
    });
  }

  test("values: 1 MiB of bytes survives a round trip", async (transport) => {
    const bytes = new Uint8Array(1024 * 1024).map((_, index) => index % 251);
    const result = await transport.call({ target: "copy.deepcopy", args: [bytes] });
    assert.ok(result instanceof Uint8Array, "bytes should come back as a Uint8Array");
    assert.equal(Buffer.compare(Buffer.from(result.buffer, result.byteOffset, result.byteLength), Buffer.from(bytes)), 0);
  });
}
