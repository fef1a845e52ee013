import { NDArray } from "@snakepit/core";

/** Arrays longer than this are measured on a sample and extrapolated. */
const sampleSize = 32;
/** Rough per-object overhead of V8 (header, hidden class, backing store pointer). */
const objectOverhead = 32;

/**
 * Approximate bytes a value holds, for the memory cache's byte bound. Cheap on
 * purpose: typed arrays and NDArrays cost their byteLength without being read,
 * strings two bytes a character, and long arrays are sampled, so measuring a
 * million-element result takes microseconds. It over- rather than
 * under-estimates.
 */
export function approximateSize(value: unknown, depth = 0): number {
  switch (typeof value) {
    case "string": return 16 + value.length * 2;
    case "number": case "boolean": case "undefined": return 8;
    case "bigint": return 16 + Math.ceil(value.toString(16).length / 2);
    case "object": return value === null ? 8 : objectSize(value, depth);
    default: return objectOverhead;
  }
}

function objectSize(value: object, depth: number): number {
  if (value instanceof NDArray) return objectOverhead * 2 + value.data.byteLength + value.shape.length * 8;
  if (ArrayBuffer.isView(value)) return objectOverhead + value.byteLength;
  if (value instanceof Date) return objectOverhead;
  // Deep nesting is rare in call results; beyond a few levels a flat guess is enough.
  if (depth > 8) return objectOverhead;
  if (Array.isArray(value)) return objectOverhead + sampledSum(value, depth);
  if (value instanceof Map) return objectOverhead + sampledSum(Array.from(value, ([key, item]) => [key, item]), depth);
  if (value instanceof Set) return objectOverhead + sampledSum(Array.from(value), depth);
  return objectOverhead + sampledSum(Object.entries(value), depth);
}

function sampledSum(items: readonly unknown[], depth: number): number {
  const sample = items.length > sampleSize ? items.slice(0, sampleSize) : items;
  const sampled = sample.reduce<number>((sum, item) => sum + 8 + approximateSize(item, depth + 1), 0);
  return Math.ceil((sampled * items.length) / Math.max(sample.length, 1));
}
