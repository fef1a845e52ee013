/**
 * An Error that InMemoryTransport reports as the named Python exception: it
 * takes `pythonType` from the error's `name`, so the stand-ins below fail the
 * way CPython does and the suite's assertions hold for both.
 */
export function pythonException(pythonType: string, message: string): Error {
  const error = new Error(message);
  error.name = pythonType;
  return error;
}

/** Python's name for the type of a JS value, for TypeError messages. */
export function pythonTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "bigint") return "int";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return value.constructor === Array ? "list" : "tuple";
  if (value instanceof Map || Object.getPrototypeOf(value) === Object.prototype) return "dict";
  return (value as object).constructor.name;
}
