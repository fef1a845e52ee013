import { NDArray, PyTuple } from "@snakepit/core";

/**
 * copy.deepcopy: Python's identity for data, so a call through it tests that
 * every codec type crosses to Python and back unchanged.
 */
export function deepcopy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (value instanceof Date) return new Date(value.getTime());
  if (value instanceof NDArray) return NDArray.fromBytes(value.dtype, value.shape, value.bytes().slice());
  if (ArrayBuffer.isView(value)) return (value as unknown as { slice(): unknown }).slice();
  if (value instanceof PyTuple) return Object.assign(new PyTuple(), value.map(deepcopy));
  if (Array.isArray(value)) return value.map(deepcopy);
  if (value instanceof Map) return new Map([...value].map(([key, item]) => [deepcopy(key), deepcopy(item)]));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepcopy(item)]));
}
