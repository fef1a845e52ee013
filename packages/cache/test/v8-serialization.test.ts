import assert from "node:assert/strict";
import { CodecError, NDArray, PyTuple, RemoteRef, tuple } from "@snakepit/core";
import { test } from "vitest";
import { deserializeEntry, serializeEntry } from "../src/index.js";

const roundTrip = (value: unknown) => deserializeEntry(serializeEntry({ value, expires: 123 }));

test("the expiry travels with the value", () => {
  assert.deepStrictEqual(roundTrip("value"), { value: "value", expires: 123 });
});

test("a plain object that uses the class tag key is not mistaken for a tag", () => {
  const tricky = { __snakepit_class__: "NDArray", dtype: "float64", shape: [1], data: "not data" };
  assert.deepStrictEqual(roundTrip(tricky)?.value, tricky);
});

test("an object with an own __proto__ key keeps it as data", () => {
  const tricky = JSON.parse('{"__proto__": {"polluted": true}, "plain": 1}') as object;
  const value = roundTrip(tricky)?.value as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepStrictEqual(Object.keys(value), ["__proto__", "plain"]);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("Set, nested NDArrays in Maps and tuples as Map keys survive", () => {
  const make = () => new Map<unknown, unknown>([[tuple(1, 2), new Set([NDArray.bool(new Uint8Array([1, 0]))])]]);
  const value = roundTrip(make())?.value as Map<unknown, unknown>;
  assert.deepStrictEqual(value, make());
  assert.ok([...value.keys()][0] instanceof PyTuple);
});

test("a remote object is refused with a CodecError that says why", () => {
  assert.throws(() => serializeEntry({ value: { model: new RemoteRef("7", "sklearn.Model") } }), (error: unknown) => error instanceof CodecError && /remote object/.test(error.message));
});

test("a function is refused with a CodecError listing what can be cached", () => {
  assert.throws(() => serializeEntry({ value: { callback: () => 1 } }), (error: unknown) => error instanceof CodecError && /Only data can be cached/.test(error.message));
});

test("an entry not written by Snakepit reads as a miss", () => {
  assert.equal(deserializeEntry('{"value":1}'), undefined);
});
