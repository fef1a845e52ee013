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
    let changed = false;
    const items = value.map((item) => {
      const next = mapDeep(item, replace);
      if (next !== item) changed = true;
      return next;
    });
    if (!changed) return value;
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
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const next = mapDeep(item, replace);
    if (next !== item) changed = true;
    return [key, next] as const;
  });
  return changed ? Object.fromEntries(entries) : value;
}
