import { CodecError } from "@snakepit/core";

/**
 * Returns a `CodecError` for values the codec cannot send, or undefined for
 * values MessagePack encodes natively (plain objects, arrays, bytes).
 *
 * It runs after every extension has declined the value, so anything left that
 * is not plain data (a function, a class instance, an ArrayBuffer) would
 * otherwise be flattened into a map of its own fields, or fail with
 * MessagePack's generic "Unrecognized object".
 */
export function refusalOf(value: unknown): CodecError | undefined {
  if (typeof value === "function") return refuse(`a function${value.name ? ` (${value.name})` : ""}`, "functions travel only in the arguments of call() and of remote-object methods (not in batch(), stream(), nested inside a coalesced call's arguments, or in a callback's result); pass it there, or expose it as a tool with py.expose(name, fn)");
  if (typeof value === "symbol") return refuse(`a symbol (${String(value.description)})`, "symbols have no Python equivalent; pass a string");
  if (typeof value !== "object" || value === null) return undefined;
  if (Array.isArray(value) || value instanceof Uint8Array || value instanceof DataView) return undefined;
  if (value instanceof ArrayBuffer || value instanceof SharedArrayBuffer) return refuse("an ArrayBuffer", "wrap it as new Uint8Array(buffer) to send bytes");
  if (ArrayBuffer.isView(value)) return refuse(`a ${value.constructor.name}`, "use a Uint8Array for bytes or another typed array for numbers");
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return undefined;
  const name = (value as { constructor?: { name?: string } }).constructor?.name ?? "an unnamed class";
  return refuse(`an instance of ${name}`, "convert it to a plain object, register a converter for its class with typeRegistry.register (and snakepit_bridge.types.register in Python), or keep the object in Python and pass its RemoteRef");
}

function refuse(what: string, advice: string): CodecError {
  return new CodecError(`Cannot send ${what} to Python: the codec carries plain data (numbers, strings, booleans, null, arrays, plain objects, bytes, bigint, Date, Map, Set, tuple, NDArray and typed arrays) and RemoteRef. Hint: ${advice}.`);
}
