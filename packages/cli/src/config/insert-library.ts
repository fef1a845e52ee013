import { ConfigError } from "@snakepit/core";

/**
 * Adds an entry (rendered by `renderLibraryEntry`) at the end of the
 * `libraries: { … }` object in a config file's source text, keeping the
 * user's formatting and comments everywhere else.
 */
export function insertLibraryEntry(source: string, entryText: string): string {
  const opening = /\blibraries\s*:\s*\{/.exec(source);
  if (!opening) {
    throw new ConfigError(`Could not find \`libraries: {\` in the configuration to add the entry to. Add it by hand:\n${entryText}`);
  }
  const scan = scanObject(source, opening.index + opening[0].length - 1);
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
 * Finds the brace closing the one at `open`, and the last character of code
 * before it, skipping strings, template literals and comments.
 */
function scanObject(source: string, open: number): { close: number; lastCode: number } | undefined {
  let depth = 0;
  let lastCode = open;
  for (let index = open; index < source.length; index++) {
    const character = source[index] ?? "";
    if (character === "/" && source[index + 1] === "/") {
      const end = source.indexOf("\n", index);
      index = end === -1 ? source.length : end - 1;
    } else if (character === "/" && source[index + 1] === "*") {
      const end = source.indexOf("*/", index + 2);
      index = end === -1 ? source.length : end + 1;
    } else if (character === '"' || character === "'" || character === "`") {
      index = endOfString(source, index);
      lastCode = index;
    } else if (character === "{") {
      depth++;
      lastCode = index;
    } else if (character === "}") {
      if (--depth === 0) return { close: index, lastCode };
      lastCode = index;
    } else if (!/\s/.test(character)) lastCode = index;
  }
  return undefined;
}

function endOfString(source: string, start: number): number {
  const quote = source[start];
  for (let index = start + 1; index < source.length; index++) {
    if (source[index] === "\\") index++;
    else if (source[index] === quote) return index;
  }
  return source.length;
}
