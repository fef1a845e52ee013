import type { CallableDescription, ClassDescription, ClassEntry } from "@snakepit/core";

/** Names that mark a class as an exception: users catch them, they do not call them. */
const exceptionBases = new Set(["BaseException", "Exception", "builtins.BaseException", "builtins.Exception"]);

/** Whether a described class is an exception type (left out of drafts). */
export function isExceptionClass(description: ClassDescription): boolean {
  return description.bases.some((base) => exceptionBases.has(base));
}

/**
 * Public methods worth listing, best first: documented ones, then the rest;
 * `get_*`/`set_*` plumbing (get_params, set_fit_request) after the methods
 * that do the work. Ties keep introspection order.
 */
export function publicMethodNames(description: ClassDescription): string[] {
  const score = (method: CallableDescription) => (method.doc ? 2 : 0) - (/^(get|set)_/.test(method.name) ? 1 : 0);
  return description.methods
    .filter((method) => !method.name.startsWith("_"))
    .map((method, index) => ({ method, index, score: score(method) }))
    .sort((left, right) => right.score - left.score || left.index - right.index)
    .map(({ method }) => method.name);
}

/**
 * The class entry a user can edit: methods listed explicitly (so trimming
 * is one deletion away) up to `maxMethods`; a bare name when the class has no
 * public method, which in the catalog means "every public method".
 */
export function classEntryFor(name: string, description: ClassDescription, maxMethods: number): ClassEntry {
  const methods = publicMethodNames(description).slice(0, maxMethods);
  return methods.length > 0 ? { name, methods } : name;
}

/** Class name → listed method names, for the classes whose entries list them. */
export function methodsByClass(classes: readonly ClassEntry[]): Map<string, readonly string[]> {
  return new Map(classes.flatMap((entry) => (typeof entry === "string" || !entry.methods ? [] : [[entry.name, entry.methods.map((method) => (typeof method === "string" ? method : method.name))] as const])));
}
