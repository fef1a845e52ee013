/**
 * Usage examples found in a docstring: the numpydoc "Examples" section when
 * there is one (prose and doctest together, as the author wrote them), else
 * each doctest session (">>> " lines with their continuations and output).
 * Examples come from the installed docstrings, never from a model, so they
 * are as true as the library's own documentation.
 *
 * @example
 * docstringExamples("Return the mean.\n\n>>> mean([1, 2, 3, 4, 4])\n2.8"); // [">>> mean([1, 2, 3, 4, 4])\n2.8"]
 */
export function docstringExamples(doc: string | undefined, options: { readonly limit?: number; readonly maxLength?: number } = {}): string[] {
  if (!doc) return [];
  const limit = options.limit ?? 3;
  const maxLength = options.maxLength ?? 1_500;
  const lines = doc.split(/\r?\n/);
  const section = numpydocExamplesSection(lines);
  const examples = section ? [section] : doctestSessions(lines);
  return examples.slice(0, limit).map((example) => (example.length > maxLength ? `${example.slice(0, maxLength - 4).trimEnd()}\n...` : example));
}

const underline = /^\s*-{3,}\s*$/;

function isSectionStart(lines: readonly string[], index: number): boolean {
  return (lines[index]?.trim().length ?? 0) > 0 && underline.test(lines[index + 1] ?? "");
}

function numpydocExamplesSection(lines: readonly string[]): string | undefined {
  const start = lines.findIndex((line, index) => /^\s*Examples?\s*$/.test(line) && underline.test(lines[index + 1] ?? ""));
  if (start < 0) return undefined;
  const body: string[] = [];
  for (let index = start + 2; index < lines.length && !isSectionStart(lines, index); index++) body.push(lines[index] ?? "");
  const text = dedent(body).trim();
  return text.length > 0 ? text : undefined;
}

function doctestSessions(lines: readonly string[]): string[] {
  const sessions: string[] = [];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) sessions.push(dedent(current).trim());
    current = [];
  };
  for (const line of lines) {
    const trimmed = line.trimStart();
    if (trimmed.startsWith(">>>")) current.push(line);
    else if (current.length > 0 && trimmed.length > 0) current.push(line); // continuation ("...") or expected output
    else flush();
  }
  flush();
  return sessions;
}

function dedent(lines: readonly string[]): string {
  const indents = lines.filter((line) => line.trim().length > 0).map((line) => line.length - line.trimStart().length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join("\n");
}
