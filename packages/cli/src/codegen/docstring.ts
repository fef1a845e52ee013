/**
 * A docstring split into the parts TSDoc has tags for. Understands numpydoc
 * (a title underlined with dashes) and Google style ("Args:" followed by
 * indented entries); anything else stays in the description.
 */
export interface ParsedDocstring {
  /** Summary and extended description, before the first section. */
  readonly description: string;
  /** Per parameter name: the documented type (numpydoc "a : array_like") and the text. */
  readonly params: ReadonlyMap<string, { readonly type?: string; readonly text: string }>;
  readonly returns?: string;
  readonly raises: readonly string[];
  /** Runs of doctest lines (">>>", "...", and their output), one per example. */
  readonly examples: readonly { readonly title?: string; readonly code: string }[];
  readonly notes?: string;
}

type Section = { readonly title: string; readonly lines: string[] };

const numpydocUnderline = /^\s*-{3,}\s*$/;
const googleHeader = /^(Args|Arguments|Parameters|Keyword Args|Keyword Arguments|Returns|Return|Yields|Raises|Examples|Example|Notes|Note):\s*$/;

/** Parses a cleaned docstring (`inspect.cleandoc` output). */
export function parseDocstring(doc: string): ParsedDocstring {
  const { preamble, sections } = splitSections(doc.replace(/\r\n/g, "\n").split("\n"));
  const params = new Map<string, { type?: string; text: string }>();
  let returns: string | undefined;
  const raises: string[] = [];
  const examples: { title?: string; code: string }[] = [];
  let notes: string | undefined;
  for (const section of sections) {
    const title = section.title.toLowerCase();
    if (["parameters", "args", "arguments", "other parameters", "keyword args", "keyword arguments"].includes(title)) {
      for (const entry of entriesOf(section.lines)) {
        for (const name of entry.names) if (!params.has(name)) params.set(name, { ...(entry.type ? { type: entry.type } : {}), text: entry.text });
      }
    } else if (["returns", "return", "yields"].includes(title)) {
      returns = entriesOf(section.lines).map((entry) => [entry.type ?? entry.names.join(", "), entry.text].filter(Boolean).join(": ")).join("\n") || undefined;
    } else if (title === "raises") {
      raises.push(...entriesOf(section.lines).map((entry) => [entry.names.join(", ") || entry.type, entry.text].filter(Boolean).join(": ")));
    } else if (title === "examples" || title === "example") {
      examples.push(...examplesOf(section.lines));
    } else if (title === "notes" || title === "note") {
      notes = paragraph(section.lines);
    }
  }
  return { description: paragraph(preamble), params, ...(returns ? { returns } : {}), raises, examples, ...(notes ? { notes } : {}) };
}

function splitSections(lines: readonly string[]): { preamble: string[]; sections: Section[] } {
  const preamble: string[] = [];
  const sections: Section[] = [];
  let current: Section | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? "";
    const next = lines[index + 1] ?? "";
    if (line.trim() && !/^\s/.test(line) && numpydocUnderline.test(next)) {
      current = { title: line.trim(), lines: [] };
      sections.push(current);
      index++;
      continue;
    }
    const google = googleHeader.exec(line);
    if (google) {
      current = { title: google[1] ?? "", lines: [] };
      sections.push(current);
      continue;
    }
    (current ? current.lines : preamble).push(line);
  }
  return { preamble, sections };
}

/**
 * Entries of a parameter-like section. numpydoc: "name : type" at the
 * section's indentation, text indented below. Google: "name (type): text"
 * with continuation lines indented further.
 */
function entriesOf(lines: readonly string[]): { names: string[]; type?: string; text: string }[] {
  const content = lines.filter((line) => line.trim());
  if (content.length === 0) return [];
  const base = Math.min(...content.map(indentOf));
  const entries: { names: string[]; type?: string; body: string[] }[] = [];
  for (const line of lines) {
    if (line.trim() && indentOf(line) === base) {
      entries.push(entryHead(line.trim()));
    } else if (entries.length) {
      entries.at(-1)?.body.push(line.trim());
    }
  }
  return entries.map(({ body, ...entry }) => ({ ...entry, text: paragraph(body) }));
}

function entryHead(head: string): { names: string[]; type?: string; body: string[] } {
  const google = /^(\*{0,2}[\w, *]+?)\s*(?:\(([^)]*)\))?:\s*(.*)$/.exec(head);
  if (google && !head.includes(" : ")) {
    return { names: namesOf(google[1] ?? ""), ...(google[2] ? { type: google[2] } : {}), body: google[3] ? [google[3]] : [] };
  }
  const numpydoc = /^(.+?)\s*:\s*(.*)$/.exec(head);
  if (numpydoc) return { names: namesOf(numpydoc[1] ?? ""), ...(numpydoc[2] ? { type: numpydoc[2] } : {}), body: [] };
  // A returns entry with only a type ("ndarray"), or a bare name.
  return /^[\w.]+$/.test(head) ? { names: [head], body: [] } : { names: [], type: head, body: [] };
}

function namesOf(text: string): string[] {
  return text.split(",").map((name) => name.trim().replace(/^\*+/, "")).filter((name) => /^\w+$/.test(name));
}

function examplesOf(lines: readonly string[]): { title?: string; code: string }[] {
  const examples: { title?: string; code: string }[] = [];
  let prose: string[] = [];
  let code: string[] = [];
  const flush = () => {
    if (code.length) {
      const title = paragraph(prose);
      examples.push({ ...(title ? { title } : {}), code: code.join("\n").trimEnd() });
      prose = [];
    }
    code = [];
  };
  for (const line of dedent(lines)) {
    const trimmed = line.trim();
    if (trimmed.startsWith(">>>") || trimmed.startsWith("...")) code.push(line);
    else if (code.length && trimmed) code.push(line); // expected output
    else if (!trimmed) flush();
    else prose.push(trimmed);
  }
  flush();
  return examples;
}

function dedent(lines: readonly string[]): string[] {
  const content = lines.filter((line) => line.trim());
  const indent = content.length ? Math.min(...content.map(indentOf)) : 0;
  return lines.map((line) => line.slice(indent));
}

/** Joins lines into text, keeping blank lines as paragraph breaks. */
function paragraph(lines: readonly string[]): string {
  return dedent(lines).join("\n").replace(/\n{3,}/g, "\n\n").trim();
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
