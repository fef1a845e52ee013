import { NDArray, PyTuple, RemoteRef, type DType } from "@snakepit/core";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { PayloadCodec } from "../../src/codec/payload-codec.js";

/** The vectors Python's codec tests also run (proto/codec-vectors.json): hex bytes → the value each side must see. */
const vectorsPath = fileURLToPath(new URL("../../../../proto/codec-vectors.json", import.meta.url));

type JsonValue =
  | { type: "nil" }
  | { type: "bool" | "int" | "float" | "str"; value: boolean | number | string }
  | { type: "bigint"; value: string }
  | { type: "bin"; hex: string }
  | { type: "list" | "tuple" | "set"; items: JsonValue[] }
  | { type: "dict"; entries: Record<string, JsonValue> }
  | { type: "map"; entries: [JsonValue, JsonValue][] }
  | { type: "datetime"; iso: string }
  | { type: "ndarray"; dtype: DType; shape: number[]; data: (number | boolean)[] }
  | { type: "ref"; id: string; pythonType: string };

interface Vector {
  readonly name: string;
  readonly hex: string;
  readonly value_json: JsonValue;
}

const typedArrays = {
  float64: Float64Array, float32: Float32Array, int8: Int8Array, int16: Int16Array, int32: Int32Array,
  uint8: Uint8Array, uint16: Uint16Array, uint32: Uint32Array,
} as const;

/** The TypeScript value a vector describes, per the table in proto/CODEC.md. */
function expectedValue(json: JsonValue): unknown {
  switch (json.type) {
    case "nil": return null;
    case "bool": case "int": case "float": case "str": return json.value;
    case "bigint": return BigInt(json.value);
    case "bin": return Uint8Array.from(Buffer.from(json.hex, "hex"));
    case "list": return json.items.map(expectedValue);
    case "tuple": {
      const result = new PyTuple<unknown>();
      result.push(...json.items.map(expectedValue));
      return result;
    }
    case "set": return new Set(json.items.map(expectedValue));
    case "dict": return Object.fromEntries(Object.entries(json.entries).map(([key, value]) => [key, expectedValue(value)]));
    case "map": return new Map(json.entries.map(([key, value]) => [expectedValue(key), expectedValue(value)]));
    case "datetime": return new Date(json.iso);
    case "ndarray": return ndarrayOf(json.dtype, json.shape, json.data);
    case "ref": return new RemoteRef(json.id, json.pythonType, "vectors");
  }
}

function ndarrayOf(dtype: DType, shape: number[], data: (number | boolean)[]): NDArray {
  if (dtype === "bool") return NDArray.bool(Uint8Array.from(data, (item) => (item ? 1 : 0)), shape);
  if (dtype === "int64") return NDArray.from(BigInt64Array.from(data, (item) => BigInt(item)), shape);
  if (dtype === "uint64") return NDArray.from(BigUint64Array.from(data, (item) => BigInt(item)), shape);
  return NDArray.from(typedArrays[dtype].from(data.map(Number)), shape);
}

/** Floats with an integral value are the one case TypeScript cannot tell from an int, so only decoding is checked for them. */
function encodesTheSame(json: JsonValue): boolean {
  if (json.type === "float") return !Number.isInteger(json.value);
  if (json.type === "list" || json.type === "tuple" || json.type === "set") return json.items.every(encodesTheSame);
  if (json.type === "dict") return Object.values(json.entries).every(encodesTheSame);
  if (json.type === "map") return json.entries.every(([key, value]) => encodesTheSame(key) && encodesTheSame(value));
  return true;
}

const vectors: Vector[] = existsSync(vectorsPath) ? (JSON.parse(readFileSync(vectorsPath, "utf8")) as Vector[]) : [];
const codec = new PayloadCodec("vectors");

describe.skipIf(vectors.length === 0)(`shared codec vectors${vectors.length === 0 ? ` (skipped: ${vectorsPath} does not exist yet)` : ""}`, () => {
  it.each(vectors.map((vector) => [vector.name, vector] as const))("decodes %s", (_name, vector) => {
    expect(codec.decode(Buffer.from(vector.hex, "hex"))).toEqual(expectedValue(vector.value_json));
  });

  it.each(vectors.filter((vector) => encodesTheSame(vector.value_json)).map((vector) => [vector.name, vector] as const))("encodes %s to the same bytes", (_name, vector) => {
    expect(Buffer.from(codec.encode(expectedValue(vector.value_json))).toString("hex")).toBe(vector.hex);
  });
});
