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
  const closing = matchingBrace(source, opening.index + opening[0].length - 1);
  if (closing === undefined) throw new ConfigError("The `libraries` object in the configuration has no closing brace; fix the file and run `snakepit add` again.");
  const before = source.slice(0, closing).replace(/\s+$/, "");
  const needsComma = !before.endsWith("{") && !before.endsWith(",");
  const lineStart = source.lastIndexOf("\n", closing) + 1;
  const closingIndent = /^\s*/.exec(source.slice(lineStart, closing))?.[0] ?? "";
  return `${before}${needsComma ? "," : ""}\n${entryText}\n${closingIndent}${source.slice(closing)}`;
}

/** Index of the brace closing the one at `open`, skipping strings, template literals and comments. */
function matchingBrace(source: string, open: number): number | undefined {
  let depth = 0;
  for (let index = open; index < source.length; index++) {
    const character = source[index];
    if (character === "/" && source[index + 1] === "/") index = source.indexOf("\n", index) === -1 ? source.length : source.indexOf("\n", index);
    else if (character === "/" && source[index + 1] === "*") index = source.includes("*/", index + 2) ? source.indexOf("*/", index + 2) + 1 : source.length;
    else if (character === '"' || character === "'" || character === "`") index = endOfString(source, index);
    else if (character === "{") depth++;
    else if (character === "}" && --depth === 0) return index;
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
