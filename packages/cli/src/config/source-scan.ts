/** One token of code: a single character, or a whole string literal (quotes included). */
export interface CodeToken {
  readonly start: number;
  /** Index of the token's last character. */
  readonly end: number;
  readonly text: string;
}

/**
 * The code of `source` from `start`, one token at a time, with comments
 * skipped and each string or template literal as one token, so that braces
 * and commas inside them are never mistaken for structure. Enough to find
 * the entries of the `libraries` object without a TypeScript parser.
 */
export function* codeTokens(source: string, start: number): Generator<CodeToken> {
  for (let index = start; index < source.length; index++) {
    const character = source[index] ?? "";
    if (character === "/" && source[index + 1] === "/") {
      const end = source.indexOf("\n", index);
      index = end === -1 ? source.length : end - 1;
    } else if (character === "/" && source[index + 1] === "*") {
      const end = source.indexOf("*/", index + 2);
      index = end === -1 ? source.length : end + 1;
    } else if (character === '"' || character === "'" || character === "`") {
      const end = endOfString(source, index);
      yield { start: index, end, text: source.slice(index, end + 1) };
      index = end;
    } else if (!/\s/.test(character)) yield { start: index, end: index, text: character };
  }
}

/** The object literal opened by the brace at `open`: where it closes, and the last code before the closing brace. */
export function scanObject(source: string, open: number): { close: number; lastCode: number } | undefined {
  let depth = 0;
  let lastCode = open;
  for (const token of codeTokens(source, open)) {
    if (token.text === "{") depth++;
    else if (token.text === "}" && --depth === 0) return { close: token.start, lastCode };
    lastCode = token.end;
  }
  return undefined;
}

/** A property of an object literal: its key, where the key starts and where its value ends. */
export interface PropertySpan {
  readonly key: string;
  readonly start: number;
  /** Index of the value's last character. */
  readonly end: number;
}

/** The `key: value` properties directly inside the object literal opened at `open` (spreads and shorthands are skipped). */
export function objectProperties(source: string, open: number): PropertySpan[] {
  const properties: PropertySpan[] = [];
  let depth = 0;
  let key: { text: string; start: number; end: number } | undefined;
  let current: { key: string; start: number } | undefined;
  let lastCode = open;
  let expectKey = false;
  const finish = () => {
    if (current) properties.push({ ...current, end: lastCode });
    current = undefined;
  };
  for (const token of codeTokens(source, open)) {
    const opens = token.text === "{" || token.text === "[" || token.text === "(";
    const closes = token.text === "}" || token.text === "]" || token.text === ")";
    if (depth === 1 && closes) {
      finish();
      return properties;
    }
    if (depth === 1 && token.text === ",") {
      finish();
      expectKey = true;
      key = undefined;
      continue;
    }
    if (depth === 1 && expectKey && !current) {
      if (token.text === ":" && key) {
        current = { key: key.text, start: key.start };
        expectKey = false;
      } else if (/^["']/.test(token.text)) key = { text: token.text.slice(1, -1), start: token.start, end: token.end };
      else if (/^[\w$]$/.test(token.text)) {
        key = key && key.end === token.start - 1 && !/^["']/.test(source[key.start] ?? "") ? { ...key, text: key.text + token.text, end: token.end } : { text: token.text, start: token.start, end: token.end };
      } else expectKey = false;
    }
    if (opens) {
      depth++;
      if (depth === 1) expectKey = true;
    } else if (closes) depth--;
    lastCode = token.end;
  }
  return properties;
}

function endOfString(source: string, start: number): number {
  const quote = source[start];
  for (let index = start + 1; index < source.length; index++) {
    if (source[index] === "\\") index++;
    else if (source[index] === quote) return index;
  }
  return source.length;
}
