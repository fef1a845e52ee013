import { CodecError, NDArray, PyTuple, RemoteRef, type DType } from "@snakepit/core";

/**
 * node:v8 serialisation keeps Map, Set, bigint, Date and typed arrays, but
 * drops prototypes: an NDArray would come back as a plain object and a PyTuple
 * as a plain array. So before serialising, those become tagged plain objects,
 * and after deserialising they are rebuilt. A plain object that happens to use
 * the tag key is escaped, so no user value is ever mistaken for a tag.
 */
const tagKey = "__snakepit_class__";

type Tagged =
  | { readonly [tagKey]: "NDArray"; readonly dtype: DType; readonly shape: number[]; readonly data: ArrayBufferView }
  | { readonly [tagKey]: "PyTuple"; readonly items: unknown[] }
  | { readonly [tagKey]: "Object"; readonly entries: Array<[string, unknown]> };

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/** Replaces NDArray and PyTuple instances, at any depth, by tagged plain objects. */
export function tagClasses(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof NDArray) return { [tagKey]: "NDArray", dtype: value.dtype, shape: [...value.shape], data: value.data } satisfies Tagged;
  if (value instanceof RemoteRef) {
    throw new CodecError(`A remote object (${value}) cannot be cached: it lives in one Python worker and its state can change. Cache only data results.`);
  }
  if (ArrayBuffer.isView(value) || value instanceof Date) return value;
  if (value instanceof PyTuple) return { [tagKey]: "PyTuple", items: Array.from(value, tagClasses) } satisfies Tagged;
  if (Array.isArray(value)) return value.map(tagClasses);
  if (value instanceof Map) return new Map(Array.from(value, ([key, item]) => [tagClasses(key), tagClasses(item)]));
  if (value instanceof Set) return new Set(Array.from(value, tagClasses));
  if (!isPlainObject(value)) return value;
  const entries = Object.entries(value).map(([key, item]): [string, unknown] => [key, tagClasses(item)]);
  return tagKey in value ? ({ [tagKey]: "Object", entries } satisfies Tagged) : Object.fromEntries(entries);
}

/** Rebuilds what {@link tagClasses} replaced. */
export function reviveClasses(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (ArrayBuffer.isView(value) || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(reviveClasses);
  if (value instanceof Map) return new Map(Array.from(value, ([key, item]) => [reviveClasses(key), reviveClasses(item)]));
  if (value instanceof Set) return new Set(Array.from(value, reviveClasses));
  if (!isPlainObject(value)) return value;
  const tagged = value as Partial<Tagged>;
  switch (tagged[tagKey]) {
    case "NDArray": {
      const { dtype, shape, data } = tagged as Extract<Tagged, { [tagKey]: "NDArray" }>;
      return NDArray.fromBytes(dtype, shape, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    }
    case "PyTuple":
      return PyTuple.from((tagged as Extract<Tagged, { [tagKey]: "PyTuple" }>).items, reviveClasses);
    case "Object":
      return Object.fromEntries((tagged as Extract<Tagged, { [tagKey]: "Object" }>).entries.map(([key, item]) => [key, reviveClasses(item)]));
    default:
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, reviveClasses(item)]));
  }
}
