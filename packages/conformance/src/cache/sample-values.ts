import { NDArray, tuple } from "@snakepit/core";

/**
 * One value of every type a transport can decode, as a cache must hold it.
 * Factories, not values: each test builds its own, so a cache that keeps
 * references cannot pass by comparing an object with itself.
 */
export const cacheSampleValues: ReadonlyArray<readonly [string, () => unknown]> = [
  ["an integer", () => 42],
  ["a negative float", () => -1.5],
  ["special floats", () => [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0]],
  ["a unicode string", () => "héllo, 世界 🐍"],
  ["an empty string", () => ""],
  ["booleans", () => [true, false]],
  ["null", () => null],
  ["nested arrays and objects", () => ({ list: [1, [2, [3, []]]], object: { nested: { deeper: "yes" }, empty: null }, empty: {} })],
  ["bigints", () => [2n ** 70n, -5n, 0n]],
  ["a Date", () => new Date("2024-02-29T12:34:56.789Z")],
  ["a Map with number keys", () => new Map<number, unknown>([[1, "one"], [2, [2]], [-3.5, { three: 3 }]])],
  ["a Uint8Array", () => new Uint8Array([0, 1, 127, 128, 255])],
  ["a Float32Array", () => new Float32Array([0.5, -2, 1e10])],
  ["an NDArray of float64, shape [2, 3]", () => NDArray.from(new Float64Array([1, 2, 3, 4, 5, 6.5]), [2, 3])],
  ["an NDArray of int64 (BigInt64Array)", () => NDArray.from(new BigInt64Array([1n, -(2n ** 62n), 3n]))],
  ["an NDArray of bool", () => NDArray.bool(new Uint8Array([1, 0, 0, 1]), [2, 2])],
  ["an empty NDArray, shape [0, 3]", () => NDArray.from(new Float64Array(0), [0, 3])],
  ["an NDArray viewing part of a larger buffer", () => NDArray.from(new Float64Array(new Float64Array([9, 1, 2, 9]).buffer, 8, 2))],
  ["a PyTuple with a nested PyTuple", () => tuple(1, "a", tuple(2.5, null))],
  ["a list of PyTuples (most_common's shape)", () => [tuple("a", 5), tuple("b", 2)]],
  ["a result envelope { v: value } holding NDArrays and tuples", () => ({ v: tuple(NDArray.from(new Int32Array([1, 2])), new Map([[1, tuple(2)]])) })],
];
