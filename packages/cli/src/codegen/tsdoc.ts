import { parseDocstring } from "./docstring.js";

/** A parameter of the generated signature, for @param tags. */
export interface DocumentedParameter {
  /** Python name, as the docstring spells it. */
  readonly python: string;
  /** How the tag names it: "a", or "options.axis" for a keyword argument. */
  readonly tag: string;
}

export interface TsDocInput {
  readonly doc: string | undefined;
  readonly parameters: readonly DocumentedParameter[];
  /** Name of the options parameter, documented when there is one. */
  readonly optionsParameter?: string;
  /** "numpy.mean", shown so a reader can find the Python documentation. */
  readonly pythonPath: string;
  /** "numpy 1.26.4". */
  readonly source?: string;
}

/** Which parts of the docstring a comment shows (a class shows its story; its `create` shows the parameters). */
export interface TsDocParts {
  /** Replaces the docstring's description. */
  readonly summary?: string;
  /** Include @param, @returns and @throws; default true. */
  readonly parameters?: boolean;
  /** Include @example and @remarks; default true. */
  readonly examples?: boolean;
}

/**
 * Renders a docstring as a TSDoc comment: description, @param per parameter
 * (numpydoc and Google sections), @returns, @throws, @remarks for notes and
 * @example per doctest run (kept as Python, fenced, since that is what the
 * library documents).
 */
export function renderTsDoc(input: TsDocInput, indent = "", parts: TsDocParts = {}): string {
  const parsed = input.doc ? parseDocstring(input.doc) : undefined;
  const blocks: string[] = [];
  blocks.push(parts.summary ?? (escapeProse(parsed?.description ?? "") || `Calls the Python \`${input.pythonPath}\`.`));
  const tags: string[] = [];
  const optionsTag = input.optionsParameter ? `@param ${input.optionsParameter} - Keyword arguments, passed to Python by name.` : undefined;
  for (const parameter of input.parameters) {
    if (optionsTag && parameter.tag.startsWith(`${input.optionsParameter}.`) && !tags.includes(optionsTag)) tags.push(optionsTag);
    const documented = parsed?.params.get(parameter.python);
    const text = documented ? [documented.type ? `(${documented.type})` : "", documented.text].filter(Boolean).join(" ") : "";
    tags.push(`@param ${parameter.tag} - ${escapeProse(text) || "See the Python documentation."}`);
  }
  if (optionsTag && !tags.includes(optionsTag)) tags.push(optionsTag);
  if (parts.parameters === false) tags.length = 0;
  if (parsed?.returns && parts.parameters !== false) tags.push(`@returns ${escapeProse(parsed.returns)}`);
  for (const raised of parts.parameters === false ? [] : parsed?.raises ?? []) tags.push(`@throws PythonError when Python raises ${escapeProse(raised)}`);
  if (parsed?.notes && parts.examples !== false) tags.push(`@remarks\n${escapeProse(parsed.notes)}`);
  for (const example of parts.examples === false ? [] : parsed?.examples ?? []) {
    tags.push(`@example${example.title ? ` ${escapeProse(example.title.split("\n")[0] ?? "")}` : ""}\n\`\`\`python\n${escapeCode(example.code)}\n\`\`\``);
  }
  tags.push(`@see Python \`${input.pythonPath}\`${input.source ? ` (${input.source})` : ""}`);
  const body = [...blocks, tags.join("\n")].filter(Boolean).join("\n\n");
  const lines = body.split("\n").map((line) => (line ? `${indent} * ${line}` : `${indent} *`));
  return `${indent}/**\n${lines.join("\n")}\n${indent} */`;
}

/** Prose must not close the comment, and `@` or braces would start TSDoc tags. */
function escapeProse(text: string): string {
  return escapeCode(text).replace(/([@{}])/g, "\\$1");
}

function escapeCode(text: string): string {
  return text.replace(/\*\//g, "*\\/");
}
