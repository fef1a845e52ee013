import { pythonException, pythonTypeName } from "./python-exception.js";

/** The keyword arguments of json.dumps this stand-in emulates. */
export interface DumpsKeywords {
  readonly sort_keys?: boolean;
  readonly separators?: readonly [string, string];
}

/**
 * json.dumps with CPython's default formatting (", " and ": ", ASCII only).
 * Numbers print as JS prints them, so 2.0 gives "2" where Python gives
 * "2.0": the suite only dumps integers and strings.
 */
export function dumps(value: unknown, keywords: DumpsKeywords & Record<string, unknown> = {}): string {
  const unsupported = Object.keys(keywords).filter((name) => name !== "sort_keys" && name !== "separators");
  if (unsupported.length) throw pythonException("NotImplementedError", `the in-memory json.dumps does not emulate ${unsupported.join(", ")}`);
  const [itemSeparator, keySeparator] = keywords.separators ?? [", ", ": "];
  const encode = (item: unknown): string => {
    if (item === null || item === undefined) return "null";
    if (typeof item === "boolean") return item ? "true" : "false";
    if (typeof item === "number") return Number.isNaN(item) ? "NaN" : Number.isFinite(item) ? String(item) : item > 0 ? "Infinity" : "-Infinity";
    if (typeof item === "bigint") return item.toString();
    if (typeof item === "string") return asciiString(item);
    if (Array.isArray(item)) return `[${item.map(encode).join(itemSeparator)}]`;
    if (Object.getPrototypeOf(item) === Object.prototype) {
      const keys = Object.keys(item);
      if (keywords.sort_keys) keys.sort();
      return `{${keys.map((key) => `${asciiString(key)}${keySeparator}${encode((item as Record<string, unknown>)[key])}`).join(itemSeparator)}}`;
    }
    throw pythonException("TypeError", `Object of type ${pythonTypeName(item)} is not JSON serializable`);
  };
  return encode(value);
}

/** A JSON string with every non-ASCII character escaped, as ensure_ascii=True does. */
function asciiString(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
