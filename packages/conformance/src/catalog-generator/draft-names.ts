import type { CatalogDraft } from "@snakepit/core";

/** A class entry of a draft with its name and its methods (absent = all). */
export interface DraftClass {
  readonly name: string;
  readonly methods?: readonly string[];
}

/** The function names of a draft, whether entries are strings or objects. */
export function draftFunctions(draft: CatalogDraft): string[] {
  return (draft.library.functions ?? []).map((entry) => (typeof entry === "string" ? entry : entry.name));
}

/** The class entries of a draft, normalised. */
export function draftClasses(draft: CatalogDraft): DraftClass[] {
  return (draft.library.classes ?? []).map((entry) => {
    if (typeof entry === "string") return { name: entry };
    const methods = entry.methods?.map((method) => (typeof method === "string" ? method : method.name));
    return methods ? { name: entry.name, methods } : { name: entry.name };
  });
}
