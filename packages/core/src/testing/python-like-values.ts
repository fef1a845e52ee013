import { NDArray } from "../model/ndarray.js";

/**
 * Whether a value would cross the real codec as data (copied) rather than as
 * a remote ref: the InMemoryTransport keeps everything else "in Python" so
 * that tests see the same RemoteObjects production code sees.
 */
export function isPlainData(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  const type = typeof value;
  if (type === "number" || type === "string" || type === "boolean" || type === "bigint") return true;
  if (type !== "object") return false;
  if (value instanceof NDArray || ArrayBuffer.isView(value) || value instanceof Date) return true;
  if (Array.isArray(value)) return value.every(isPlainData);
  if (value instanceof Map) return [...value].every(([key, item]) => isPlainData(key) && isPlainData(item));
  if (Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(isPlainData);
  return false;
}

/** True for `class X {}` (constructed with new), false for ordinary functions. */
export function isClass(value: unknown): value is new (...args: unknown[]) => unknown {
  return typeof value === "function" && /^class[\s{]/.test(Function.prototype.toString.call(value));
}
