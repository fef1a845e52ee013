import type { Catalog } from "../config/catalog-types.js";

/**
 * What strict mode allows from a catalog: each declared function, class and
 * method by its exact path, and everything under a module listed in `modules`.
 *
 * @example
 * catalogGrants({ stats: { module: "statistics", functions: ["mean"] } }); // ["statistics.mean"]
 */
export function catalogGrants(catalog: Catalog = {}): string[] {
  const grants: string[] = [];
  for (const [key, library] of Object.entries(catalog)) {
    const module = library.module ?? key;
    const nameOf = (entry: string | { readonly name: string }) => (typeof entry === "string" ? entry : entry.name);
    for (const entry of library.functions ?? []) grants.push(`${module}.${nameOf(entry)}`);
    for (const entry of library.classes ?? []) {
      grants.push(`${module}.${nameOf(entry)}`);
      if (typeof entry !== "string") for (const method of entry.methods ?? []) grants.push(`${module}.${entry.name}.${nameOf(method)}`);
    }
    // A listed module may be written relative to the library's module or in full.
    for (const submodule of library.modules ?? []) grants.push(`${submodule === module || submodule.startsWith(`${module}.`) ? submodule : `${module}.${submodule}`}.*`);
  }
  return grants;
}
