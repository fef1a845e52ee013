import { ConfigError } from "@snakepit/core";
import { objectProperties, scanObject } from "./source-scan.js";

/**
 * Adds an entry (rendered by `renderLibraryEntry`) at the end of the
 * `libraries: { … }` object in a config file's source text, keeping the
 * user's formatting and comments everywhere else.
 */
export function insertLibraryEntry(source: string, entryText: string): string {
  const scan = scanObject(source, librariesBrace(source, entryText));
  if (!scan) throw new ConfigError("The `libraries` object in the configuration has no closing brace; fix the file and run `snakepit add` again.");
  const lastCode = source[scan.lastCode];
  // The comma goes right after the last entry's code, never inside a trailing comment.
  const withComma = lastCode === "{" || lastCode === "," ? source : `${source.slice(0, scan.lastCode + 1)},${source.slice(scan.lastCode + 1)}`;
  const close = scan.close + (withComma === source ? 0 : 1);
  const lineStart = withComma.lastIndexOf("\n", close) + 1;
  const closingIndent = /^\s*/.exec(withComma.slice(lineStart, close))?.[0] ?? "";
  const before = withComma.slice(0, close).replace(/[ \t]*$/, "").replace(/\n?$/, "\n");
  return `${before}${entryText}\n${closingIndent}${withComma.slice(close)}`;
}

/**
 * Replaces the entry `key` of the `libraries` object with `entryText` (the
 * whole entry, from its indentation to its trailing comma), leaving the rest
 * of the file as it was; appends it when there is no such entry.
 */
export function replaceLibraryEntry(source: string, key: string, entryText: string): string {
  const entry = objectProperties(source, librariesBrace(source, entryText)).find((property) => property.key === key);
  if (!entry) return insertLibraryEntry(source, entryText);
  const lineStart = source.lastIndexOf("\n", entry.start) + 1;
  const start = /^\s*$/.test(source.slice(lineStart, entry.start)) ? lineStart : entry.start;
  const comma = /^\s*,/.exec(source.slice(entry.end + 1));
  const end = entry.end + 1 + (comma ? comma[0].length : 0);
  return `${source.slice(0, start)}${start === lineStart ? entryText : entryText.trimStart()}${source.slice(end)}`;
}

/** Index of the `{` that opens `libraries: {`. */
function librariesBrace(source: string, entryText: string): number {
  const opening = /\blibraries\s*:\s*\{/.exec(source);
  if (!opening) {
    throw new ConfigError(`Could not find \`libraries: {\` in the configuration to add the entry to. Add it by hand:\n${entryText}`);
  }
  return opening.index + opening[0].length - 1;
}
