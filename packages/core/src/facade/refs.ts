import { NDArray } from "../model/ndarray.js";
import { RemoteRef } from "../model/remote-ref.js";

/**
 * Walks a decoded value and replaces what `replace` recognises, rebuilding
 * only containers that changed. Typed arrays and NDArrays are leaves: they
 * are never walked element by element.
 */
export function mapDeep(value: unknown, replace: (value: unknown) => unknown): unknown {
  const replaced = replace(value);
  if (replaced !== value || value === null || typeof value !== "object") return replaced;
  if (value instanceof NDArray || ArrayBuffer.isView(value) || value instanceof Date || value instanceof RemoteRef) return value;
  if (Array.isArray(value)) {
    // Most values have nothing to replace: walk without allocating, copy from the first change on.
    let items: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      const next = mapDeep(item, replace);
      if (items) items.push(next);
      else if (next !== item) {
        items = value.slice(0, index);
        items.push(next);
      }
    }
    if (!items) return value;
    const Species = value.constructor as ArrayConstructor;
    return Species === Array ? items : Object.assign(new Species(), items);
  }
  if (value instanceof Map) {
    let changed = false;
    const entries = [...value.entries()].map(([key, item]) => {
      const next = mapDeep(item, replace);
      if (next !== item) changed = true;
      return [key, next] as const;
    });
    return changed ? new Map(entries) : value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const next = mapDeep(item, replace);
    if (next === item) continue;
    copy ??= { ...record };
    // Defined, not assigned: a "__proto__" key from decoded data stays a plain key.
    Object.defineProperty(copy, key, { value: next, writable: true, enumerable: true, configurable: true });
  }
  return copy ?? value;
}
