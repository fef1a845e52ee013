import { NotFoundError, type Description, type DistributionInfo, type Introspector } from "@snakepit/core";
import type { CatalogProblem } from "./catalog-problem.js";
import { suggestName } from "./suggest-name.js";

/** What the caller knows about the name that did not resolve. */
export interface MissingName {
  readonly library: string;
  readonly module: string;
  /** As declared, relative to the module. */
  readonly declared: string;
  readonly distribution?: DistributionInfo;
  readonly signal?: AbortSignal;
}

/**
 * Explains why a declared path did not resolve: finds the deepest part of the
 * path that exists, and looks for the next part among that parent's members
 * (a module's public names, a class's methods) to offer a "did you mean".
 */
export async function diagnoseMissing(name: MissingName, introspector: Introspector): Promise<CatalogProblem> {
  const segments = name.declared.split(".");
  const where = name.distribution ? ` in the installed ${name.distribution.name} ${name.distribution.version}` : "";
  const path = `${name.module}.${name.declared}`;
  for (let depth = segments.length - 1; depth >= 0; depth--) {
    const parentPath = [name.module, ...segments.slice(0, depth)].join(".");
    const parent = await describeOrUndefined(introspector, parentPath, name.signal);
    if (!parent) continue;
    const missing = segments[depth] ?? "";
    const candidates = memberNames(parent);
    const match = suggestName(missing, candidates);
    const base = { library: name.library, declared: name.declared, path };
    if (match) {
      const suggestion = [...segments.slice(0, depth), match, ...segments.slice(depth + 1)].join(".");
      return { ...base, kind: "misspelled", suggestion, message: `${parentPath} has no "${missing}"${where}; did you mean "${suggestion}"?` };
    }
    const kindNote = parent.kind === "function" || parent.kind === "attribute" ? ` (${parentPath} is a ${parent.kind}, it has no members to declare)` : "";
    return { ...base, kind: "missing", message: `${parentPath} has no "${missing}"${where}${kindNote}. Check the spelling and the library's documentation for this version, or remove the declaration.` };
  }
  return { library: name.library, declared: name.declared, path, kind: "missing", message: `${path} was not found${where}.` };
}

/** Names a declaration could use below `description`. */
export function memberNames(description: Description): string[] {
  switch (description.kind) {
    case "module": return [...new Set([...(description.members ?? []).map((member) => member.name), ...(description.all ?? [])])];
    case "class": return description.methods.map((method) => method.name);
    default: return [];
  }
}

async function describeOrUndefined(introspector: Introspector, path: string, signal: AbortSignal | undefined): Promise<Description | undefined> {
  try {
    return await introspector.describe(path, { members: true, ...(signal ? { signal } : {}) });
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
