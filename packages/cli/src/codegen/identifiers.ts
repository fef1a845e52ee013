/** Words TypeScript will not accept as a binding name (a parameter or a function declaration). */
const reservedWords = new Set([
  "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum",
  "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null",
  "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield",
  "let", "static", "implements", "interface", "package", "private", "protected", "public", "await", "arguments", "eval",
]);

/** A name usable as a local binding: Python's name, with "_" appended when TypeScript reserves it. */
export function bindingName(python: string): string {
  return reservedWords.has(python) ? `${python}_` : python;
}

/** Whether `name` can be written bare as a property key; otherwise it needs quotes. */
export function propertyKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}

/** Picks `preferred`, or `preferred_`, `preferred__`… until it is not taken. */
export function freeName(preferred: string, taken: ReadonlySet<string>): string {
  let name = preferred;
  while (taken.has(name)) name = `${name}_`;
  return name;
}
